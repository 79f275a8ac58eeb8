package dev.pop.server.lease;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpiryPlannerTest {
  private static final long MS = 1_000_000L;

  private static LeaseTiming lease(long id, long ttlMs, long refreshedAtMs) {
    return new LeaseTiming(id, ttlMs, 1, refreshedAtMs * MS);
  }

  /** {ttl, refreshed at, leader since, now, due?} in ms on the leader's monotonic clock. */
  private static final long[][] TABLE = {
      // a lease refreshed while this member was leader: counts from the refresh
      {1000, 5000, 0, 5999, 0},
      {1000, 5000, 0, 6000, 0}, // exactly TTL: not yet (strictly more than TTL must pass)
      {1000, 5000, 0, 6001, 1},
      // refreshed before this member became leader: full TTL from the promotion
      {1000, 100, 5000, 1200, 0},
      {1000, 100, 5000, 5999, 0},
      {1000, 100, 5000, 6000, 0},
      {1000, 100, 5000, 6001, 1},
      // refreshed (applied late) after the promotion: counts from the later refresh
      {1000, 7000, 5000, 6500, 0},
      {1000, 7000, 5000, 8000, 0},
      {1000, 7000, 5000, 8001, 1},
      // long TTL
      {86_400_000, 0, 0, 86_400_000, 0},
      {86_400_000, 0, 0, 86_400_001, 1},
  };

  @Test
  void aLeaseIsDueOnlyAfterAFullTtlFromTheLaterOfRefreshAndPromotion() {
    for (long[] row : TABLE) {
      LeaseTiming l = lease(1, row[0], row[1]);
      boolean due = ExpiryPlanner.due(l, row[3] * MS, row[2] * MS);
      assertEquals(row[4] == 1, due, () -> java.util.Arrays.toString(row));
      long deadline = Math.max(row[1], row[2]) + row[0];
      if (due) {
        assertTrue(row[3] > deadline, "never before max(refresh, leaderSince) + ttl: " + java.util.Arrays.toString(row));
      }
    }
  }

  @Test
  void neverDueBeforeTheDeadlineOverAGridOfTimes() {
    for (long refreshed = 0; refreshed <= 3000; refreshed += 250) {
      for (long since = 0; since <= 3000; since += 250) {
        for (long now = 0; now <= 6000; now += 125) {
          LeaseTiming l = lease(1, 1000, refreshed);
          boolean due = ExpiryPlanner.due(l, now * MS, since * MS);
          assertEquals(now > Math.max(refreshed, since) + 1000, due, refreshed + "/" + since + "/" + now);
        }
      }
    }
  }

  @Test
  void aLeaderChangeNeverShortensALease() {
    // old leader: refreshed at 0, would expire after 1000; the new leader is promoted at 900
    LeaseTiming seenByNewLeader = lease(1, 1000, 0);
    assertFalse(ExpiryPlanner.due(seenByNewLeader, 1500 * MS, 900 * MS), "old deadline passed, new one has not");
    assertFalse(ExpiryPlanner.due(seenByNewLeader, 1900 * MS, 900 * MS));
    assertTrue(ExpiryPlanner.due(seenByNewLeader, 1901 * MS, 900 * MS));
    assertEquals(400 * MS, ExpiryPlanner.remainingNanos(seenByNewLeader, 1500 * MS, 900 * MS));
  }

  @Test
  void monotonicTimesThatWrapAroundStillWork() {
    long base = Long.MAX_VALUE - 500 * MS; // nanoTime may be anywhere, even about to wrap
    LeaseTiming l = new LeaseTiming(1, 1000, 1, base);
    assertFalse(ExpiryPlanner.due(l, base + 1000 * MS, base - 10 * MS));
    assertTrue(ExpiryPlanner.due(l, base + 1001 * MS, base - 10 * MS));
    assertFalse(ExpiryPlanner.due(l, base + 1500 * MS, base + 600 * MS), "promotion after the wrap counts");
  }

  @Test
  void dueLeasesComeMostOverdueFirstAndAreCapped() {
    List<LeaseTiming> leases = List.of(lease(1, 1000, 500), lease(2, 1000, 0), lease(3, 1000, 4000),
        lease(4, 2000, 0));
    List<LeaseTiming> due = ExpiryPlanner.due(leases, 3000 * MS, 0, 10);
    assertEquals(List.of(2L, 1L, 4L), due.stream().map(LeaseTiming::id).toList());
    assertEquals(List.of(2L), ExpiryPlanner.due(leases, 3000 * MS, 0, 1).stream().map(LeaseTiming::id).toList());
  }
}
