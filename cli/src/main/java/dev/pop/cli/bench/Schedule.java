package dev.pop.cli.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Decides, each time a logical client is ready, whether it sends another request and whether that request is
 * measured: during the warm-up requests are sent but not measured; then either until the deadline or until
 * {@code total} requests have been admitted; never after {@link #stop()} (the hard stop).
 */
public final class Schedule {

  /** The answer to {@link #admit()}. */
  public enum Ticket {
    /** Do not send: the run is over for this client. */
    REFUSED,
    /** Send, but do not measure. */
    WARMUP,
    /** Send and measure. */
    MEASURED
  }

  private final LongSupplier clock;
  private final long measureStartNanos;
  private final long deadlineNanos;
  private final long total;
  private final AtomicLong admitted = new AtomicLong();
  private volatile boolean stopped;

  private Schedule(LongSupplier clock, long warmupNanos, long durationNanos, long total) {
    this.clock = clock;
    this.measureStartNanos = clock.getAsLong() + warmupNanos;
    this.deadlineNanos = measureStartNanos + durationNanos;
    this.total = total;
  }

  /** Measures for {@code durationNanos} after a warm-up of {@code warmupNanos}, starting now. */
  public static Schedule forDuration(LongSupplier clock, long warmupNanos, long durationNanos) {
    if (durationNanos <= 0) {
      throw new IllegalArgumentException("duration must be positive");
    }
    return new Schedule(clock, warmupNanos, durationNanos, 0);
  }

  /** Measures {@code total} requests after a warm-up of {@code warmupNanos}, starting now. */
  public static Schedule forTotal(LongSupplier clock, long warmupNanos, long total) {
    if (total <= 0) {
      throw new IllegalArgumentException("total must be positive");
    }
    return new Schedule(clock, warmupNanos, 0, total);
  }

  /** Thread-safe; called once per request about to be sent. */
  public Ticket admit() {
    if (stopped) {
      return Ticket.REFUSED;
    }
    long now = clock.getAsLong();
    if (now - measureStartNanos < 0) {
      return Ticket.WARMUP;
    }
    if (total > 0) {
      return admitted.incrementAndGet() <= total ? Ticket.MEASURED : Ticket.REFUSED;
    }
    return now - deadlineNanos < 0 ? Ticket.MEASURED : Ticket.REFUSED;
  }

  /** No request is admitted any more. */
  public void stop() {
    stopped = true;
  }

  /** When the measurement starts (end of the warm-up), on the schedule's clock. */
  public long measureStartNanos() {
    return measureStartNanos;
  }

  /** Whether the warm-up is over at {@code nowNanos}. */
  public boolean measuring(long nowNanos) {
    return nowNanos - measureStartNanos >= 0;
  }
}
