package dev.pop.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.ConflictException;
import dev.pop.client.UnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {

  private final ManualKv kv = new ManualKv();
  private final AtomicLong clock = new AtomicLong(1_000);
  private final Tally tally = new Tally();

  private ClosedLoop loop(int clients, Schedule schedule) {
    Requests requests = new Requests(List.of(new ManualPopClient(kv)), 100, 8);
    return new ClosedLoop(requests.of(Workload.PUT), clients, schedule, tally, clock::get);
  }

  @Test
  void keepsExactlyNInFlightUntilTheTotalIsAdmitted() throws Exception {
    ClosedLoop loop = loop(8, Schedule.forTotal(clock::get, 0, 100));
    loop.start();
    assertEquals(8, kv.pending.size());
    assertEquals(8, loop.inFlight());
    int completed = 0;
    while (kv.completeOne()) {
      completed++;
      clock.addAndGet(1_000);
      int expected = Math.min(8, 100 - completed);
      assertEquals(expected, kv.pending.size(), "after " + completed + " completions");
      assertEquals(expected, loop.inFlight());
    }
    assertEquals(100, completed);
    assertEquals(100, kv.calls.get());
    assertEquals(8, kv.peak.get());
    assertTrue(loop.awaitDone(1, TimeUnit.SECONDS));
    assertEquals(100, tally.ok());
    assertEquals(0, tally.errors());
    assertEquals(100, tally.takeLatencies().getTotalCount());
  }

  @Test
  void eachClientSendsItsNextRequestOnlyWhenItsPreviousOneCompleted() {
    ClosedLoop loop = loop(3, Schedule.forDuration(clock::get, 0, 1_000_000));
    loop.start();
    assertEquals(3, kv.calls.get());
    clock.addAndGet(10);
    assertEquals(3, kv.calls.get(), "nothing is sent while all three are in flight");
    kv.completeOne();
    assertEquals(4, kv.calls.get());
    assertEquals(3, kv.pending.size());
    clock.addAndGet(2_000_000); // past the deadline: completions no longer send
    kv.completeOne();
    kv.completeOne();
    assertEquals(4, kv.calls.get());
    assertEquals(1, loop.inFlight());
    assertFalse(loop.done());
    kv.completeOne();
    assertTrue(loop.done());
  }

  @Test
  void requestsCompletedSynchronouslyLoopInsteadOfRecursing() throws Exception {
    kv.answer = n -> CompletableFuture.completedFuture(n);
    ClosedLoop loop = loop(2, Schedule.forTotal(clock::get, 0, 200_000));
    loop.start();
    assertTrue(loop.awaitDone(1, TimeUnit.SECONDS));
    assertEquals(200_000, tally.ok());
    assertEquals(200_000, kv.calls.get());
  }

  @Test
  void countsErrorsPerCodeAndDoesNotTimeThem() throws Exception {
    kv.answer = n -> switch (n % 4) {
      case 0 -> CompletableFuture.failedFuture(new UnavailableException("no leader"));
      case 1 -> CompletableFuture.failedFuture(new ConflictException("compare failed"));
      case 2 -> throw new IllegalStateException("bug in the client");
      default -> CompletableFuture.completedFuture(n);
    };
    ClosedLoop loop = loop(4, Schedule.forTotal(clock::get, 0, 40));
    loop.start();
    assertTrue(loop.awaitDone(1, TimeUnit.SECONDS));
    assertEquals(10, tally.ok());
    assertEquals(30, tally.errors());
    assertEquals(Map.of("CONFLICT", 10L, "INTERNAL", 10L, "UNAVAILABLE", 10L), tally.errorsByCode());
    assertEquals(10, tally.takeLatencies().getTotalCount());
  }

  @Test
  void theWarmupIsSentButNotMeasured() {
    ClosedLoop loop = loop(2, Schedule.forDuration(clock::get, 500, 1_000));
    loop.start();
    kv.completeOne(); // warm-up request; its replacement is sent during the warm-up too
    clock.addAndGet(600); // measuring from now on
    kv.completeOne();
    kv.completeOne(); // sent during the warm-up: still not measured
    assertEquals(0, tally.ok());
    assertTrue(tally.anySuccess());
    kv.completeOne(); // sent after the warm-up: measured
    assertEquals(1, tally.ok());
    assertEquals(2, loop.measuredInFlight());
  }

  @Test
  void stoppingTheScheduleStopsSending() {
    Schedule schedule = Schedule.forDuration(clock::get, 0, 1_000_000);
    ClosedLoop loop = loop(5, schedule);
    loop.start();
    schedule.stop();
    while (kv.completeOne()) {
      // drain
    }
    assertEquals(5, kv.calls.get());
    assertTrue(loop.done());
  }

  @Test
  void keysAreZeroPaddedToEightDigits() {
    assertEquals("bench/key-00000007", new String(Payloads.key(7)));
    assertEquals("bench/key-00009999", new String(Payloads.key(9_999)));
    assertEquals("bench/key-123456789", new String(Payloads.key(123_456_789)));
  }
}
