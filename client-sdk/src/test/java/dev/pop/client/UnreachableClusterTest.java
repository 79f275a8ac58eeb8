package dev.pop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.kv.GetOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The real Ratis transport against endpoints where nothing listens: definite failures, quick and well named. */
class UnreachableClusterTest {
  private static String deadEndpoint() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return "127.0.0.1:" + s.getLocalPort();
    }
  }

  @Test
  void writesAndReadsAreUnavailableNamingTheEndpointsTried() throws Exception {
    String a = deadEndpoint();
    String b = deadEndpoint();
    // 4 s: long enough for discovery to fail at least once on a loaded 2-core CI machine (2 s was seen to end
    // before any connection attempt completed, leaving no "last error" to report)
    try (PopClient pop = PopClient.builder().endpoints(a, b).timeout(Duration.ofSeconds(4)).build()) {
      long start = System.nanoTime();
      UnavailableException put = assertThrows(UnavailableException.class, () -> pop.kv().put("k", "v"));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 8000, "took " + ms + " ms");
      assertTrue(put.getMessage().startsWith("put: no quorum: tried " + a + ", " + b), put.getMessage());
      assertTrue(put.getMessage().contains("a majority of the members (none of the endpoints answered yet)"),
          put.getMessage());
      assertTrue(put.getMessage().contains("connection refused"), put.getMessage());
      assertThrows(UnavailableException.class, () -> pop.kv().get("k"));
      assertThrows(UnavailableException.class, () -> pop.kv().get("k".getBytes(),
          GetOptions.builder().consistency(Consistency.SERIALIZABLE).build()));
    }
  }

  @Test
  void statusListsTheEndpointsAsUnreachable() throws Exception {
    String a = deadEndpoint();
    try (PopClient pop = PopClient.builder().endpoints(a).timeout(Duration.ofSeconds(2)).build()) {
      ClusterStatus s = pop.cluster().status();
      assertNull(s.leaderId());
      assertEquals(1, s.members().size());
      assertEquals(Role.UNREACHABLE, s.members().get(0).role());
      assertEquals(a, s.members().get(0).address());
    }
  }
}
