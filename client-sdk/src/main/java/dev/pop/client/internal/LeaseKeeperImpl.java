package dev.pop.client.internal;

import dev.pop.client.NotFoundException;
import dev.pop.client.lease.Lease;
import dev.pop.client.lease.LeaseKeeper;
import dev.pop.client.lease.LeaseLost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * {@link LeaseKeeper}: a keepalive every TTL/3 (sooner after a failure; at most {@value #MAX_OUTSTANDING} unanswered
 * at a time), each with a deadline of min(client timeout, TTL) since a later acknowledgement is worthless, and a
 * {@link LeaseDeadline}. One timer wakes it for the next keepalive or the deadline, whichever comes first;
 * {@link #isAlive()} also checks the clock itself, so it is exact even if the timer thread is late. The clock,
 * timer, sender and event executor are injected so that tests drive it with a fake clock.
 */
final class LeaseKeeperImpl implements LeaseKeeper {
  static final int MAX_OUTSTANDING = 3;
  static final long MIN_RETRY_NANOS = 50_000_000L;

  /** Sends one keepalive that must end by {@code deadlineNanos}. */
  interface Sender {
    CompletableFuture<Lease> keepAlive(long id, long deadlineNanos);
  }

  /** Runs a task after a delay; returns a handle to cancel it. */
  interface Timer {
    Future<?> schedule(Runnable task, long delayNanos);
  }

  private final long id;
  private final long callTimeoutNanos;
  private final LongSupplier clock;
  private final Sender sender;
  private final Timer timer;
  private final Executor events;
  private final Listener listener;
  private final java.util.function.LongConsumer revoker;
  private final LeaseDeadline deadline;
  private long ttlNanos;
  private long nextSendNanos;
  private int outstanding;
  private boolean lost;
  private boolean closed;
  private Future<?> wakeup;
  private long wakeupAt;

  /**
   * @param ackedSendNanos send time of the grant or keepalive that proved the lease alive
   * @param callTimeoutNanos the client's per-call deadline
   * @param revoker revokes the lease for {@link #close(boolean)} (asynchronously, errors ignored)
   */
  LeaseKeeperImpl(long id, Duration ttl, long ackedSendNanos, long callTimeoutNanos, LongSupplier clock,
      Sender sender, Timer timer, Executor events, Listener listener, java.util.function.LongConsumer revoker) {
    this.id = id;
    this.ttlNanos = ttl.toNanos();
    this.callTimeoutNanos = callTimeoutNanos;
    this.clock = clock;
    this.sender = sender;
    this.timer = timer;
    this.events = events;
    this.listener = listener;
    this.revoker = revoker;
    this.deadline = new LeaseDeadline(ackedSendNanos, ttlNanos);
    this.nextSendNanos = ackedSendNanos + ttlNanos / 3;
  }

  /** Arms the first wakeup (and sends at once if a keepalive is already due). */
  LeaseKeeperImpl start() {
    tick();
    return this;
  }

  /** Wakes up: declares the lease lost if the deadline passed, else sends a keepalive if one is due. */
  void tick() {
    List<Runnable> after = new ArrayList<>(2);
    synchronized (this) {
      if (lost || closed) {
        return;
      }
      long now = clock.getAsLong();
      if (deadline.passed(now)) {
        after.add(lose(LeaseLost.Reason.DEADLINE_PASSED, "lease " + id + ": no keepalive acknowledged within its TTL of "
            + ttlNanos / 1_000_000 + " ms; it must be assumed expired"));
      } else {
        if (now - nextSendNanos >= 0 && outstanding < MAX_OUTSTANDING) {
          outstanding++;
          nextSendNanos = now + ttlNanos / 3;
          after.add(() -> send(now));
        }
        arm(now);
      }
    }
    after.forEach(Runnable::run);
  }

  private void send(long sentNanos) {
    CompletableFuture<Lease> reply;
    try {
      reply = sender.keepAlive(id, sentNanos + Math.min(callTimeoutNanos, ttlNanos));
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.whenComplete((lease, error) -> onReply(sentNanos, lease, error));
  }

  /** The keepalive sent at {@code sentNanos} ended. */
  void onReply(long sentNanos, Lease lease, Throwable error) {
    Runnable after = null;
    synchronized (this) {
      outstanding--;
      if (lost || closed) {
        return;
      }
      long now = clock.getAsLong();
      if (lease != null) {
        ttlNanos = lease.ttl().toNanos();
        deadline.acknowledged(sentNanos, ttlNanos);
        after = () -> listener.onKeptAlive(lease);
      } else if (unwrap(error) instanceof NotFoundException) {
        after = lose(LeaseLost.Reason.NOT_FOUND, "lease " + id + ": the server says it does not exist any more "
            + "(expired or revoked)");
      } else {
        // unavailable or unknown outcome: the deadline stays; try again soon
        nextSendNanos = Math.min(nextSendNanos, now + Math.max(MIN_RETRY_NANOS, ttlNanos / 10));
      }
      if (!lost) {
        if (deadline.passed(now)) {
          after = lose(LeaseLost.Reason.DEADLINE_PASSED, "lease " + id + ": no keepalive acknowledged within its TTL"
              + " of " + ttlNanos / 1_000_000 + " ms; it must be assumed expired");
        } else {
          arm(now);
        }
      }
    }
    dispatch(after);
  }

  private Runnable lose(LeaseLost.Reason reason, String message) {
    lost = true;
    cancelWakeup();
    LeaseLost event = new LeaseLost(id, reason, message);
    return () -> listener.onLost(event);
  }

  private void dispatch(Runnable callback) {
    if (callback == null) {
      return;
    }
    try {
      events.execute(() -> {
        try {
          callback.run();
        } catch (RuntimeException e) {
          // a listener's failure must not stop the keeper's other callbacks
        }
      });
    } catch (RuntimeException e) {
      // the client is closing: no more callbacks
    }
  }

  /** Schedules the next wakeup at the next keepalive or the deadline, whichever is first. */
  private void arm(long now) {
    long at = deadline.passed(nextSendNanos) ? deadline.deadlineNanos() : nextSendNanos;
    if (outstanding >= MAX_OUTSTANDING) {
      at = deadline.deadlineNanos();
    }
    if (wakeup != null && !wakeup.isDone() && wakeupAt == at) {
      return;
    }
    cancelWakeup();
    wakeupAt = at;
    try {
      wakeup = timer.schedule(this::tickLater, Math.max(0, at - now));
    } catch (RuntimeException e) {
      wakeup = null; // the client is closing
    }
  }

  private void tickLater() {
    tick();
  }

  private void cancelWakeup() {
    if (wakeup != null) {
      wakeup.cancel(false);
      wakeup = null;
    }
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  @Override
  public long leaseId() {
    return id;
  }

  @Override
  public synchronized Duration ttl() {
    return Duration.ofNanos(ttlNanos);
  }

  @Override
  public synchronized boolean isAlive() {
    return !lost && !closed && !deadline.passed(clock.getAsLong());
  }

  @Override
  public synchronized Duration remaining() {
    return lost || closed ? Duration.ZERO : Duration.ofNanos(deadline.remainingNanos(clock.getAsLong()));
  }

  /** False once closed or lost. */
  synchronized boolean isOpen() {
    return !closed && !lost;
  }

  /** The local deadline (tests). */
  synchronized long deadlineNanos() {
    return deadline.deadlineNanos();
  }

  @Override
  public void close() {
    close(false);
  }

  @Override
  public void close(boolean revoke) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      cancelWakeup();
    }
    if (revoke) {
      revoker.accept(id);
    }
  }
}
