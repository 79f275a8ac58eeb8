package dev.pop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.PutOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopClientBuilderTest {
  private static void assertInvalid(String expected, Runnable r) {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }

  @Test
  void badEndpointsAreInvalidArguments() {
    assertInvalid("endpoints: 'localhost' is not host:port", () -> PopClient.builder().endpoints("localhost"));
    assertInvalid("port 99999 is outside 1..65535", () -> PopClient.builder().endpoints("a:1", "b:99999"));
    assertInvalid("no endpoint given", () -> PopClient.builder().endpoints(List.of()));
    assertInvalid("null endpoint", () -> PopClient.builder().endpoints("a:1", null));
  }

  @Test
  void badLimitsAreInvalidArguments() {
    assertInvalid("timeout: must be > 0", () -> PopClient.builder().timeout(Duration.ZERO));
    assertInvalid("timeout: must be > 0", () -> PopClient.builder().timeout(null));
    assertInvalid("exactly-once window", () -> PopClient.builder().timeout(Duration.ofMinutes(11)));
    assertInvalid("maxBatchOps", () -> PopClient.builder().maxBatchOps(0));
    assertInvalid("server's request limit", () -> PopClient.builder().maxBatchBytes(2 << 20));
    assertInvalid("maxInFlightBatches", () -> PopClient.builder().maxInFlightBatches(0));
    assertInvalid("linger", () -> PopClient.builder().linger(Duration.ofSeconds(5)));
  }

  @Test
  void buildDoesNotContactTheCluster() {
    // nothing listens on port 1: build must still succeed, and close must be quick and idempotent
    PopClient c = PopClient.builder().endpoints("127.0.0.1:1").timeout(Duration.ofMillis(300)).build();
    c.close();
    c.close();
  }

  @Test
  void optionsValidateTheirArguments() {
    assertInvalid("either prefix or rangeEnd", () -> GetOptions.builder().prefix(true).rangeEnd(new byte[] {1}).build());
    assertEquals("n1", GetOptions.builder().member("n1").build().member(), "follower linearizable reads may name a member");
    assertInvalid("must not be blank", () -> GetOptions.builder().member(" "));
    assertInvalid("limit must be >= 0", () -> GetOptions.builder().limit(-1));
    assertInvalid("lease must be >= 0", () -> PutOptions.builder().lease(-1));
    assertEquals(Consistency.LINEARIZABLE, GetOptions.DEFAULT.consistency());
  }
}
