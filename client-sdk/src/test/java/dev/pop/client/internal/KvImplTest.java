package dev.pop.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.ConflictException;
import dev.pop.client.Consistency;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.PopClient;
import dev.pop.client.kv.DeleteOptions;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.kv.PutResult;
import dev.pop.proto.Command;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KvImplTest {
  private final FakeCluster cluster = new FakeCluster(3);
  private final PopClient pop = new PopClientImpl(
      new ClientConfig(List.of(new HostPort("127.0.0.1", 7701)), Duration.ofSeconds(5), 128, 1 << 20, 16,
          Duration.ZERO), cluster, new SdkExecutors());

  @AfterEach
  void close() {
    pop.close();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putGetDeleteRoundTrip() {
    PutResult p1 = pop.kv().put("app/a", "1");
    PutResult p2 = pop.kv().put(b("app/a"), b("2"), PutOptions.builder().prevKv(true).lease(7).build());
    assertNull(p1.prevKv());
    assertEquals("1", p2.prevKv().valueUtf8());
    assertEquals(p1.revision() + 1, p2.revision());
    KeyValue kv = pop.kv().get("app/a").first().orElseThrow();
    assertEquals("2", kv.valueUtf8());
    assertEquals(2, kv.version());
    assertEquals(7, kv.lease());
    assertEquals(p2.revision(), kv.modRevision());
    assertTrue(pop.kv().get("missing").kvs().isEmpty(), "a missing key is an empty result, not an error");
    assertEquals(1, pop.kv().delete("app/a").deleted());
    assertEquals(0, pop.kv().delete("app/a").deleted());
  }

  @Test
  void prefixReadsAndDeletesCoverExactlyThePrefix() {
    for (String k : List.of("app/a", "app/b", "app0", "apo", "b")) {
      pop.kv().put(k, "v");
    }
    GetResult r = pop.kv().get(b("app/"), GetOptions.builder().prefix(true).build());
    assertEquals(List.of("app/a", "app/b"), r.kvs().stream().map(KeyValue::keyUtf8).toList());
    GetResult limited = pop.kv().get(b("app"), GetOptions.builder().prefix(true).limit(2).build());
    assertEquals(2, limited.kvs().size());
    assertTrue(limited.more());
    assertEquals(3, limited.count());
    assertEquals(5, pop.kv().get(new byte[0], GetOptions.builder().prefix(true).build()).kvs().size(),
        "an empty prefix reads everything");
    assertEquals(2, pop.kv().delete(b("app/"), DeleteOptions.builder().prefix(true).build()).deleted());
    assertEquals(3, pop.kv().get(new byte[0], GetOptions.builder().prefix(true).build()).count());
  }

  @Test
  void serializableReadsGoToTheChosenMember() {
    pop.kv().put("k", "v");
    GetResult r = pop.kv().get(b("k"), GetOptions.builder().consistency(Consistency.SERIALIZABLE).member("n2").build());
    assertEquals("v", r.first().orElseThrow().valueUtf8());
    FakeCluster.Sent last = cluster.sent.get(cluster.sent.size() - 1);
    assertEquals(RequestKind.SERIALIZABLE_READ, last.kind());
    assertEquals("n2", last.member());
    pop.kv().get("k");
    assertEquals(RequestKind.LINEARIZABLE_READ, cluster.sent.get(cluster.sent.size() - 1).kind(),
        "linearizable is the default");
  }

  @Test
  void concurrentAsyncPutsAreCoalescedAndEachSeesItsOwnError() throws Exception {
    List<CompletableFuture<PutResult>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String key = i % 50 == 7 ? "conflict-" + i : "k" + i;
      futures.add(pop.kv().putAsync(b(key), b("v"), PutOptions.DEFAULT));
    }
    int failed = 0;
    for (int i = 0; i < futures.size(); i++) {
      try {
        futures.get(i).get();
      } catch (ExecutionException e) {
        assertTrue(e.getCause() instanceof ConflictException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().contains("conflict-" + i), e.getCause().getMessage());
        failed++;
      }
    }
    assertEquals(4, failed);
    int requests = cluster.writes().stream().mapToInt(s -> s.command().getRequestsCount()).sum();
    assertEquals(200, requests);
    assertTrue(cluster.writes().size() < 200, "coalesced into " + cluster.writes().size() + " commands");
    Command c = cluster.writes().get(0).command();
    assertEquals(16, c.getClientId().size());
  }

  @Test
  void blockingCallsThrowTheTypedErrorWithTheCallersStack() {
    ConflictException e = assertThrows(ConflictException.class, () -> pop.kv().put("conflict-x", "v"));
    assertTrue(e.getCause() instanceof ConflictException, "the async original is the cause");
  }

  @Test
  void badInputIsRejectedBeforeAnythingIsSent() {
    assertThrows(InvalidArgumentException.class, () -> pop.kv().put(null, "v"));
    assertThrows(InvalidArgumentException.class, () -> pop.kv().put("", "v"));
    assertThrows(InvalidArgumentException.class, () -> pop.kv().put(b("k"), null, PutOptions.DEFAULT));
    assertThrows(InvalidArgumentException.class, () -> pop.kv().get(""));
    assertThrows(InvalidArgumentException.class, () -> pop.kv().delete(""));
    InvalidArgumentException big = assertThrows(InvalidArgumentException.class,
        () -> pop.kv().put(b("k"), new byte[ClientConfig.SERVER_REQUEST_LIMIT_BYTES], PutOptions.DEFAULT));
    assertTrue(big.getMessage().startsWith("put: request is "), big.getMessage());
    assertTrue(pop.kv().putAsync(null, b("v"), null).isCompletedExceptionally(), "async fails its future");
    assertEquals(0, cluster.sent.size());
  }
}
