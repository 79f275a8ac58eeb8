package dev.pop.server.lease;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LeaseClockTest {
  private static final long MS = 1_000_000L;

  @Test
  void aFollowerCountsFromItsOwnApplyOfTheLastRefresh() {
    LeaseClock clock = new LeaseClock();
    clock.refreshed(7, 3000, 12, 1000 * MS);
    assertEquals(OptionalLong.of(2000), clock.remainingMs(7, 2000 * MS));
    clock.refreshed(7, 3000, 15, 2500 * MS);
    assertEquals(OptionalLong.of(3000), clock.remainingMs(7, 2500 * MS));
    assertEquals(15, clock.timings().get(0).refreshIndex());
    assertEquals(OptionalLong.of(0), clock.remainingMs(7, 9000 * MS));
  }

  @Test
  void aLeaderCountsFromItsPromotionIfThatIsLater() {
    LeaseClock clock = new LeaseClock();
    clock.refreshed(7, 3000, 12, 1000 * MS);
    clock.leaderSince(2000 * MS);
    assertEquals(OptionalLong.of(3000), clock.remainingMs(7, 2000 * MS));
    clock.notLeader();
    assertEquals(OptionalLong.of(2000), clock.remainingMs(7, 2000 * MS));
  }

  @Test
  void anEndedLeaseIsForgotten() {
    LeaseClock clock = new LeaseClock();
    clock.refreshed(7, 3000, 12, 0);
    clock.refreshed(8, 3000, 13, 0);
    clock.ended(7);
    assertEquals(OptionalLong.empty(), clock.remainingMs(7, 0));
    assertEquals(1, clock.size());
    clock.clear();
    assertEquals(0, clock.size());
  }
}
