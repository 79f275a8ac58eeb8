package dev.pop.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.NotFoundException;
import dev.pop.client.UnavailableException;
import dev.pop.client.UnknownOutcomeException;
import dev.pop.client.lease.Lease;
import dev.pop.client.lease.LeaseKeeper;
import dev.pop.client.lease.LeaseLost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link LeaseKeeperImpl}'s timing and deadline on a fake clock (milliseconds here, nanoseconds inside). */
class LeaseKeeperImplTest {
  private static final long MS = 1_000_000L;
  private static final Duration TTL = Duration.ofMillis(3000);

  private final AtomicLong now = new AtomicLong(10_000 * MS);
  private final List<CompletableFuture<Lease>> sent = new ArrayList<>();
  private final List<Long> sentAt = new ArrayList<>();
  private final List<Long> wakeups = new ArrayList<>();
  private final List<LeaseLost> lost = new ArrayList<>();
  private final List<Long> revoked = new ArrayList<>();

  private LeaseKeeperImpl keeper(long ackedSendMs) {
    LeaseKeeper.Listener listener = lost::add;
    return new LeaseKeeperImpl(7, TTL, ackedSendMs * MS, 5_000 * MS, now::get,
        (id, deadline) -> {
          CompletableFuture<Lease> f = new CompletableFuture<>();
          sent.add(f);
          sentAt.add(now.get() / MS);
          return f;
        },
        (task, delay) -> {
          wakeups.add((now.get() + delay) / MS);
          return new FutureTask<>(task, null);
        },
        Runnable::run, listener, revoked::add).start();
  }

  private void at(long ms, LeaseKeeperImpl k) {
    now.set(ms * MS);
    k.tick();
  }

  private static Lease lease() {
    return new Lease(7, TTL);
  }

  @Test
  void withoutAcknowledgementTheLeaseIsLostExactlyAtSendTimePlusTtl() {
    LeaseKeeperImpl k = keeper(10_000);
    assertEquals(13_000 * MS, k.deadlineNanos());
    at(12_999, k);
    assertTrue(k.isAlive());
    assertTrue(lost.isEmpty());
    now.set(13_000 * MS);
    assertFalse(k.isAlive(), "isAlive reads the clock itself, even before the timer fires");
    k.tick();
    assertEquals(1, lost.size());
    assertEquals(LeaseLost.Reason.DEADLINE_PASSED, lost.get(0).reason());
    at(20_000, k);
    assertEquals(1, lost.size(), "reported once");
  }

  @Test
  void keepalivesGoEveryThirdOfTheTtlAndTheTimerAimsAtTheNextOne() {
    LeaseKeeperImpl k = keeper(10_000);
    assertEquals(List.of(11_000L), wakeups, "first wakeup at send time + TTL/3");
    at(11_000, k);
    assertEquals(List.of(11_000L), sentAt);
    sent.get(0).complete(lease());
    at(12_000, k);
    assertEquals(List.of(11_000L, 12_000L), sentAt);
  }

  @Test
  void anAcknowledgementExtendsFromItsSendTimeNotFromItsArrival() {
    LeaseKeeperImpl k = keeper(10_000);
    at(11_000, k);
    now.set(12_500 * MS); // a slow reply
    sent.get(0).complete(lease());
    assertEquals(14_000 * MS, k.deadlineNanos(), "11 000 (sent) + 3 000, not 12 500 + 3 000");
  }

  @Test
  void anUnknownOutcomeDoesNotExtendTheDeadlineAndTheKeeperRetriesSooner() {
    LeaseKeeperImpl k = keeper(10_000);
    at(11_000, k);
    now.set(11_500 * MS);
    sent.get(0).completeExceptionally(new UnknownOutcomeException("lease_keep_alive: outcome unknown"));
    assertEquals(13_000 * MS, k.deadlineNanos(), "unchanged");
    assertEquals(11_800L, wakeups.get(wakeups.size() - 1), "retry after TTL/10, before the regular 12 000");
    at(11_800, k);
    assertEquals(2, sent.size());
    sent.get(1).completeExceptionally(new UnavailableException("lease_keep_alive: no quorum"));
    at(13_000, k);
    assertEquals(1, lost.size());
    assertEquals(LeaseLost.Reason.DEADLINE_PASSED, lost.get(0).reason());
  }

  @Test
  void aLateAcknowledgementOfAnOlderKeepaliveNeverPullsTheDeadlineBack() {
    LeaseKeeperImpl k = keeper(10_000);
    at(11_000, k);
    at(12_000, k);
    assertEquals(2, sent.size());
    sent.get(1).complete(lease());
    assertEquals(15_000 * MS, k.deadlineNanos());
    sent.get(0).complete(lease());
    assertEquals(15_000 * MS, k.deadlineNanos());
  }

  @Test
  void notFoundLosesTheLeaseAtOnceAndLaterAcknowledgementsAreIgnored() {
    LeaseKeeperImpl k = keeper(10_000);
    at(11_000, k);
    at(12_000, k);
    sent.get(0).completeExceptionally(new NotFoundException("lease_keep_alive: lease 7 not found"));
    assertEquals(1, lost.size());
    assertEquals(LeaseLost.Reason.NOT_FOUND, lost.get(0).reason());
    sent.get(1).complete(lease());
    assertFalse(k.isAlive(), "lost is final");
    at(20_000, k);
    assertEquals(1, lost.size());
    assertEquals(2, sent.size(), "no keepalive after the loss");
  }

  @Test
  void closingStopsKeepalivesFiresNothingAndRevokesOnlyWhenAsked() {
    LeaseKeeperImpl k = keeper(10_000);
    k.close();
    at(11_000, k);
    at(14_000, k);
    assertTrue(sent.isEmpty());
    assertTrue(lost.isEmpty(), "closing is not losing");
    assertFalse(k.isAlive());
    assertTrue(revoked.isEmpty());
    LeaseKeeperImpl k2 = keeper(14_000);
    k2.close(true);
    assertEquals(List.of(7L), revoked);
  }
}
