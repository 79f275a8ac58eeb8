package dev.pop.client.internal;

import dev.pop.client.ErrorCode;
import dev.pop.client.LockNotAcquiredException;
import dev.pop.client.NotFoundException;
import dev.pop.client.PopException;
import dev.pop.client.lock.LockGrant;
import dev.pop.proto.LockRequest;
import dev.pop.proto.LockResponse;
import dev.pop.proto.LockWaitRequest;
import dev.pop.proto.LockWaitResponse;
import dev.pop.proto.Request;
import dev.pop.proto.UnlockRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One {@code lock} call: a LockRequest (a write) that grants or queues, then LockWaitRequests (linearizable reads,
 * each parked on the leader up to {@value #MAX_WAIT_MS} ms and answered as soon as the waiter is granted) until
 * granted or out of time, and on giving up an UnlockRequest{waiter_id} that leaves the queue — or releases the lock
 * if it was granted meanwhile, so giving up never leaves a hold behind. Asynchronous, no thread of its own.
 */
final class LockAcquisition {
  /** Longest a single lock wait is parked on the server. */
  static final long MAX_WAIT_MS = 2_000;

  private final Calls calls;
  private final String name;
  private final long lease;
  private final long startNanos;
  private final long waitNanos;
  private final boolean forever;
  private final boolean tryOnly;
  private final CompletableFuture<LockGrant> result = new CompletableFuture<>();
  private volatile long waiterId;
  private volatile long position;

  /** @param wait zero: try once without queueing */
  LockAcquisition(Calls calls, String name, long lease, Duration wait) {
    this.calls = calls;
    this.name = name;
    this.lease = lease;
    this.startNanos = System.nanoTime();
    this.tryOnly = wait.isZero();
    this.waitNanos = saturatedNanos(wait);
    this.forever = waitNanos >= FOREVER_NANOS;
  }

  /** Waits this long or longer (about 146 years) have no deadline. */
  private static final long FOREVER_NANOS = Long.MAX_VALUE / 2;

  CompletableFuture<LockGrant> start() {
    LockRequest.Builder b = LockRequest.newBuilder().setName(name).setLease(lease);
    if (tryOnly) {
      b.setWaitMs(0);
    }
    calls.write("lock", Request.newBuilder().setLock(b).build(), (r, h) -> {
      if (!r.hasLock()) {
        throw new IllegalStateException("unexpected reply " + r.getResultCase() + " instead of LOCK");
      }
      return r.getLock();
    }).whenComplete(this::onEnqueued);
    return result;
  }

  /** Gives up (the future is failed; the queue is left in the background). */
  void cancel() {
    if (result.cancel(false) && waiterId != 0) {
      giveUp(); // queued: leave now rather than when the parked wait ends
    }
  }

  private void onEnqueued(LockResponse r, Throwable error) {
    if (error != null) {
      result.completeExceptionally(unwrap(error));
      return;
    }
    waiterId = r.getWaiterId();
    if (r.getGranted()) {
      grant(r.getFence());
    } else if (r.getWaiterId() == 0) {
      result.completeExceptionally(new LockNotAcquiredException(name, true,
          "lock " + name + ": held by another lease; not acquired (try only, not queued)"));
    } else {
      position = r.getPosition();
      awaitGrant();
    }
  }

  private void awaitGrant() {
    long now = System.nanoTime();
    long remaining = forever ? Long.MAX_VALUE : waitNanos - (now - startNanos);
    if (result.isDone() || remaining <= 0) {
      giveUp();
      return;
    }
    long waitMs = Math.max(1, Math.min(MAX_WAIT_MS, (remaining + 999_999) / 1_000_000));
    Request wait = Request.newBuilder().setLockWait(LockWaitRequest.newBuilder().setName(name).setWaiterId(waiterId)
        .setWaitMs(waitMs)).build();
    long callDeadline = now + waitMs * 1_000_000 + calls.config().timeout().toNanos();
    calls.submit("lock_wait", wait, calls.lanes().lockWaits(), (r, h) -> {
      if (!r.hasLockWait()) {
        throw new IllegalStateException("unexpected reply " + r.getResultCase() + " instead of LOCK_WAIT");
      }
      return r.getLockWait();
    }, callDeadline, true).whenComplete(this::onWaited);
  }

  private void onWaited(LockWaitResponse r, Throwable error) {
    if (error == null) {
      if (r.getGranted()) {
        grant(r.getFence());
      } else {
        position = r.getPosition();
        awaitGrant();
      }
      return;
    }
    Throwable t = unwrap(error);
    if (t instanceof NotFoundException) {
      result.completeExceptionally(new NotFoundException("lock " + name + ": waiter " + waiterId + " of lease "
          + lease + " is gone while waiting: the lease ended (expired or revoked)"));
    } else if (t instanceof PopException p && p.code() == ErrorCode.UNAVAILABLE && !result.isDone()) {
      awaitGrant(); // the wait was not answered (failover): wait again while time remains, else give up
    } else {
      result.completeExceptionally(t);
      giveUp();
    }
  }

  private void grant(long fence) {
    if (!result.complete(new LockGrant(name, fence, lease)) && waiterId != 0) {
      giveUp(); // cancelled meanwhile: release what was granted
    }
  }

  /** Leaves the queue (or releases a hold granted meanwhile), then fails the call as not acquired. */
  private void giveUp() {
    Request unlock = Request.newBuilder().setUnlock(UnlockRequest.newBuilder().setName(name).setWaiterId(waiterId))
        .build();
    calls.write("unlock", unlock, (r, h) -> r).whenComplete((r, error) -> {
      boolean left = error == null || unwrap(error) instanceof NotFoundException;
      long waitedMs = (System.nanoTime() - startNanos) / 1_000_000;
      result.completeExceptionally(new LockNotAcquiredException(name, left, "lock " + name + ": not acquired within "
          + waitedMs + " ms (place " + position + " among the waiters); " + (left ? "left the queue"
          : "could not confirm leaving the queue (" + unwrap(error).getMessage() + "); the place ends with lease "
          + lease + " at the latest")));
    });
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
