package dev.pop.server.lease;

import dev.pop.proto.Command;
import dev.pop.proto.LeaseExpireRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaseExpiryTaskTest {
  private static final long MS = 1_000_000L;

  private final LeaseClock clock = new LeaseClock();
  private final List<Command> proposed = new ArrayList<>();
  private final List<CompletableFuture<Object>> replies = new ArrayList<>();
  private long now = 10_000 * MS;
  private final LeaseExpiryTask task = new LeaseExpiryTask(() -> clock, command -> {
    proposed.add(command);
    CompletableFuture<Object> reply = new CompletableFuture<>();
    replies.add(reply);
    return reply;
  }, () -> now);

  @AfterEach
  void close() {
    task.close();
  }

  private static List<Long> ids(Command c) {
    return c.getRequestsList().stream().map(r -> r.getLeaseExpire().getId()).toList();
  }

  @Test
  void proposesNothingUnlessLeader() {
    clock.refreshed(1, 1000, 5, 0);
    assertEquals(0, task.tick());
    assertTrue(proposed.isEmpty());
  }

  @Test
  void aNewLeaderGivesEveryLeaseAFullTtl() {
    clock.refreshed(1, 1000, 5, 0); // long overdue by the old leader's count
    task.start(now);
    assertEquals(0, task.tick());
    now += 1000 * MS;
    assertEquals(0, task.tick());
    now += MS;
    assertEquals(1, task.tick());
    assertEquals(LeaseExpireRequest.newBuilder().setId(1).setRefreshIndex(5).build(),
        proposed.get(0).getRequests(0).getLeaseExpire());
    assertEquals(0, proposed.get(0).getRequestId(), "internal: no session");
  }

  @Test
  void anExpiryInFlightIsNotProposedAgainUntilAnswered() {
    clock.refreshed(1, 1000, 5, now);
    clock.refreshed(2, 1000, 6, now);
    task.start(now);
    now += 2000 * MS;
    assertEquals(2, task.tick());
    assertEquals(List.of(1L, 2L), ids(proposed.get(0)));
    assertEquals(0, task.tick(), "in flight");
    assertEquals(2, task.inFlight());
    // the entry was applied: lease 1 expired, lease 2 had been refreshed meanwhile
    clock.ended(1);
    clock.refreshed(2, 1000, 9, now);
    replies.get(0).complete(null);
    assertEquals(0, task.inFlight());
    assertEquals(0, task.tick());
    now += 1001 * MS;
    assertEquals(1, task.tick());
    assertEquals(9, proposed.get(1).getRequests(0).getLeaseExpire().getRefreshIndex());
  }

  @Test
  void aFailedProposalIsRetried() {
    clock.refreshed(1, 1000, 5, now);
    task.start(now);
    now += 2000 * MS;
    assertEquals(1, task.tick());
    replies.get(0).completeExceptionally(new RuntimeException("not leader"));
    assertEquals(1, task.tick());
  }

  @Test
  void anUnansweredProposalIsRetriedAfterAWhile() {
    clock.refreshed(1, 1000, 5, now);
    task.start(now);
    now += 2000 * MS;
    assertEquals(1, task.tick());
    now += (LeaseExpiryTask.RETRY_AFTER_MS - 1) * MS;
    assertEquals(0, task.tick());
    now += 2 * MS;
    assertEquals(1, task.tick());
  }

  @Test
  void oneEntryCarriesAtMostMaxPerEntry() {
    for (int i = 1; i <= LeaseExpiryTask.MAX_PER_ENTRY + 10; i++) {
      clock.refreshed(i, 1000, i, now);
    }
    task.start(now);
    now += 2000 * MS;
    assertEquals(LeaseExpiryTask.MAX_PER_ENTRY, task.tick());
    assertEquals(10, task.tick());
  }

  @Test
  void stoppingEndsLeadershipAndRestartingCountsAgain() {
    clock.refreshed(1, 1000, 5, now);
    task.start(now);
    assertTrue(task.running());
    task.stop();
    assertFalse(task.running());
    now += 5000 * MS;
    assertEquals(0, task.tick());
    task.start(now); // leader again: a full TTL from this promotion
    now += 999 * MS;
    assertEquals(0, task.tick());
    now += 2 * MS;
    assertEquals(1, task.tick());
  }

  @Test
  void theScheduledRoundsRunOnTheirOwn() throws Exception {
    LeaseClock real = new LeaseClock();
    List<Command> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (LeaseExpiryTask scheduled = new LeaseExpiryTask(() -> real, c -> {
      sent.add(c);
      return new CompletableFuture<>();
    })) {
      real.refreshed(3, 1000, 4, System.nanoTime());
      scheduled.start(System.nanoTime());
      long deadline = System.nanoTime() + 5000 * MS;
      while (sent.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(List.of(3L), ids(sent.get(0)));
    }
  }
}
