package dev.pop.server.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.InvalidArgumentException;
import dev.pop.client.NotFoundException;
import dev.pop.client.PopClient;
import dev.pop.client.PopException;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.txn.Op;
import dev.pop.proto.StatusResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every bad input gets a typed error with a clear message and changes nothing (revision, keys, leases, locks). */
@ExtendWith(SharedCluster.class)
class BadInputClusterTest {
  private static final long UNKNOWN_LEASE = 987_654_321L;
  private final PopClient pop = SharedCluster.client();

  private <E extends PopException> void refused(Class<E> type, String expected, Runnable call) {
    StatusResponse before = SharedCluster.leaderStatus();
    E e = assertThrows(type, call::run);
    assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should say '" + expected + "'");
    StatusResponse after = SharedCluster.leaderStatus();
    assertEquals(before.getRevision(), after.getRevision(), "revision changed: " + e.getMessage());
    assertEquals(before.getKeyCount(), after.getKeyCount());
    assertEquals(before.getLeaseCount(), after.getLeaseCount());
    assertEquals(before.getHeldLockCount(), after.getHeldLockCount());
  }

  @Test
  void unknownLeases() {
    refused(NotFoundException.class, "lease " + UNKNOWN_LEASE + " not found", () -> pop.leases().keepAlive(UNKNOWN_LEASE));
    refused(NotFoundException.class, "lease " + UNKNOWN_LEASE + " not found", () -> pop.leases().revoke(UNKNOWN_LEASE));
    refused(NotFoundException.class, "not found", () -> pop.leases().timeToLive(UNKNOWN_LEASE, true));
    refused(NotFoundException.class, "lease " + UNKNOWN_LEASE + " not found",
        () -> pop.locks().lock("bad-lock", UNKNOWN_LEASE, Duration.ofSeconds(1)));
    refused(NotFoundException.class, "lease", () -> pop.kv().put("bad/k".getBytes(StandardCharsets.UTF_8),
        "v".getBytes(StandardCharsets.UTF_8), PutOptions.builder().lease(UNKNOWN_LEASE).build()));
    refused(NotFoundException.class, "lease", () -> pop.leases().keep(UNKNOWN_LEASE, l -> { }));
  }

  @Test
  void badTtls() {
    refused(InvalidArgumentException.class, "ttl must be positive", () -> pop.leases().grant(Duration.ofSeconds(-1)));
    refused(InvalidArgumentException.class, "lease_grant: ttl_ms is 500, must be in [1000, 86400000]",
        () -> pop.leases().grant(Duration.ofMillis(500)));
    refused(InvalidArgumentException.class, "must be in [1000, 86400000]",
        () -> pop.leases().grant(Duration.ofDays(2)));
  }

  @Test
  void oversizedTxn() {
    Op[] ops = new Op[129];
    for (int i = 0; i < ops.length; i++) {
      ops[i] = Op.put("bad/txn-" + i, "v");
    }
    refused(InvalidArgumentException.class, "txn: 129 operations (compare 0 + success 129 + failure 0), limit is 128",
        () -> pop.txn().then(ops).commit());
    assertTrue(pop.kv().get("bad/txn-0").kvs().isEmpty());
  }

  @Test
  void emptyLockNames() {
    long lease = pop.leases().grant(Duration.ofSeconds(30)).id();
    try {
      refused(InvalidArgumentException.class, "lock: name is empty", () -> pop.locks().lock("", lease,
          Duration.ofSeconds(1)));
      refused(InvalidArgumentException.class, "unlock: name is empty", () -> pop.locks().unlock("", 5));
      refused(InvalidArgumentException.class, "lock_status: name is empty", () -> pop.locks().lockStatus(""));
      Supplier<Boolean> stillFree = () -> pop.leases().timeToLive(lease, true).keys().isEmpty();
      assertTrue(stillFree.get());
    } finally {
      pop.leases().revoke(lease);
    }
  }
}
