package dev.pop.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.LockNotAcquiredException;
import dev.pop.client.NotFoundException;
import dev.pop.client.PopClient;
import dev.pop.client.lock.LockGrant;
import dev.pop.proto.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lock wait loop of {@link LockAcquisition} through the real lanes, against {@link FakeLockServer}. */
class LocksImplTest {
  private final FakeLockServer server = new FakeLockServer();
  private final PopClient pop = new PopClientImpl(
      new ClientConfig(List.of(new HostPort("127.0.0.1", 7701)), Duration.ofSeconds(5), 128, 1 << 20, 16,
          Duration.ZERO), server, new SdkExecutors());

  @AfterEach
  void close() {
    pop.close();
    server.close();
  }

  private long lease() {
    return pop.leases().grant(Duration.ofSeconds(30)).id();
  }

  private List<Request> lockWaits() {
    List<Request> out = new ArrayList<>();
    for (int i = 0; i < server.received.size(); i++) {
      if (server.received.get(i).hasLockWait()) {
        out.add(server.received.get(i));
        assertEquals(RequestKind.LOCK_WAIT, server.kinds.get(i), "lock waits travel on their own unordered lane");
      }
    }
    return out;
  }

  @Test
  void aFreeLockIsGrantedByTheEnqueueAlone() {
    LockGrant g = pop.locks().lock("job", lease(), Duration.ofSeconds(5));
    assertEquals("job", g.name());
    assertTrue(g.fence() > 0);
    assertTrue(lockWaits().isEmpty(), "no wait for a free lock");
  }

  @Test
  void aWaiterIsAnsweredByTheReleaseNotByPolling() throws Exception {
    long a = lease();
    long b = lease();
    LockGrant first = pop.locks().lock("job", a, Duration.ofSeconds(5));
    CompletableFuture<LockGrant> second = pop.locks().lockAsync("job", b, Duration.ofSeconds(20));
    MiniWait.until(() -> server.parkedWaits() == 1, "a parked lock wait");
    Thread.sleep(300);
    assertFalse(second.isDone(), "still waiting while the lock is held");
    assertEquals(1, lockWaits().size(), "one parked wait, no polling");
    long released = System.nanoTime();
    pop.locks().unlock("job", first.fence());
    LockGrant g = second.get(5, TimeUnit.SECONDS);
    assertTrue(System.nanoTime() - released < TimeUnit.MILLISECONDS.toNanos(1000), "granted by the release");
    assertTrue(g.fence() > first.fence(), "fences increase: " + first.fence() + " then " + g.fence());
    assertEquals(b, g.leaseId());
    for (Request w : lockWaits()) {
      assertTrue(w.getLockWait().getWaitMs() <= LockAcquisition.MAX_WAIT_MS, "wait_ms " + w.getLockWait().getWaitMs());
    }
  }

  @Test
  void longWaitsAreSplitIntoWaitsOfAtMostTwoSeconds() throws Exception {
    long a = lease();
    pop.locks().lock("job", a, Duration.ofSeconds(5));
    CompletableFuture<LockGrant> second = pop.locks().lockAsync("job", lease(), Duration.ofSeconds(30));
    MiniWait.until(() -> lockWaits().size() >= 2, "a second lock wait after the first timed out");
    assertEquals(LockAcquisition.MAX_WAIT_MS, lockWaits().get(0).getLockWait().getWaitMs());
    assertFalse(second.isDone());
  }

  @Test
  void givingUpLeavesTheQueue() {
    long a = lease();
    pop.locks().lock("job", a, Duration.ofSeconds(5));
    long started = System.nanoTime();
    LockNotAcquiredException e = assertThrows(LockNotAcquiredException.class,
        () -> pop.locks().lock("job", lease(), Duration.ofMillis(300)));
    long waitedMs = (System.nanoTime() - started) / 1_000_000;
    assertTrue(waitedMs >= 290 && waitedMs < 3000, "waited " + waitedMs + " ms");
    assertTrue(e.leftQueue(), e.getMessage());
    assertTrue(e.getMessage().startsWith("lock job: not acquired within"), e.getMessage());
    assertEquals(0, server.waiters("job"), "the waiter left the queue");
    assertTrue(server.received.stream().anyMatch(r -> r.hasUnlock() && r.getUnlock().getWaiterId() > 0));
  }

  @Test
  void tryLockDoesNotQueue() {
    long a = lease();
    LockGrant g = pop.locks().tryLock("job", a).orElseThrow();
    assertTrue(pop.locks().tryLock("job", lease()).isEmpty());
    assertEquals(0, server.waiters("job"));
    assertEquals(g.fence(), pop.locks().lockStatus("job").fence());
  }

  @Test
  void theLeaseEndingWhileWaitingIsNotFound() throws Exception {
    long a = lease();
    long b = lease();
    pop.locks().lock("job", a, Duration.ofSeconds(5));
    CompletableFuture<LockGrant> second = pop.locks().lockAsync("job", b, Duration.ofSeconds(20));
    MiniWait.until(() -> server.parkedWaits() == 1, "a parked lock wait");
    pop.leases().revoke(b);
    ExecutionException e = assertThrows(ExecutionException.class, () -> second.get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof NotFoundException, String.valueOf(e.getCause()));
    assertTrue(e.getCause().getMessage().contains("lease " + b), e.getCause().getMessage());
  }

  @Test
  void waitersAreGrantedInQueueOrderWithIncreasingFences() throws Exception {
    long holder = lease();
    LockGrant g = pop.locks().lock("job", holder, Duration.ofSeconds(5));
    List<CompletableFuture<LockGrant>> waiting = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      waiting.add(pop.locks().lockAsync("job", lease(), Duration.ofSeconds(20)));
      int n = i + 1;
      MiniWait.until(() -> server.waiters("job") == n, n + " waiters");
    }
    long last = g.fence();
    for (CompletableFuture<LockGrant> w : waiting) {
      pop.locks().unlock("job", last);
      LockGrant next = w.get(5, TimeUnit.SECONDS);
      assertTrue(next.fence() > last);
      last = next.fence();
    }
  }

  @Test
  void cancellingTheAsyncLockLeavesTheQueue() throws Exception {
    pop.locks().lock("job", lease(), Duration.ofSeconds(5));
    CompletableFuture<LockGrant> second = pop.locks().lockAsync("job", lease(), Duration.ofSeconds(20));
    MiniWait.until(() -> server.waiters("job") == 1, "a waiter");
    second.cancel(false);
    MiniWait.until(() -> server.waiters("job") == 0, "the cancelled waiter leaving the queue");
  }
}
