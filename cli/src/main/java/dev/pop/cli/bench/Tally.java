package dev.pop.cli.bench;

import dev.pop.client.ErrorCode;
import dev.pop.client.PopException;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the requests of a run came to, recorded from many threads at once: the latency of every measured
 * success (microseconds, in an HdrHistogram), measured errors per error code, and whether any request
 * succeeded at all (warm-up included).
 */
public final class Tally {

  /** The error code of requests still in flight at the hard stop. */
  public static final String ABANDONED = "ABANDONED";

  private final Recorder latencies = new Recorder(3);
  private final LongAdder ok = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
  private final AtomicBoolean anySuccess = new AtomicBoolean();
  private final AtomicReference<Throwable> lastError = new AtomicReference<>();
  private final LongAccumulator lastCompletionNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);

  /**
   * A request that started at {@code startNanos} succeeded at {@code endNanos} with {@code result}; a result that
   * is an {@link Outcome} is also counted under it.
   */
  public void success(boolean measured, long startNanos, long endNanos, Object result) {
    if (!anySuccess.get()) {
      anySuccess.set(true);
    }
    if (measured) {
      latencies.recordValue(Math.max(0, (endNanos - startNanos) / 1_000));
      ok.increment();
      lastCompletionNanos.accumulate(endNanos);
      if (result instanceof Outcome outcome) {
        outcomes.get(outcome).increment();
      }
    }
  }

  public Tally() {
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, new LongAdder());
    }
  }

  /** A request failed at {@code endNanos}. */
  public void failure(boolean measured, Throwable error, long endNanos) {
    lastError.set(error);
    if (measured) {
      errors.computeIfAbsent(codeOf(error), c -> new LongAdder()).increment();
      lastCompletionNanos.accumulate(endNanos);
    }
  }

  /** {@code count} measured requests will never complete (hard stop). */
  public void abandoned(long count) {
    if (count > 0) {
      errors.computeIfAbsent(ABANDONED, c -> new LongAdder()).add(count);
    }
  }

  /** Measured successes so far. */
  public long ok() {
    return ok.sum();
  }

  /** Measured errors so far. */
  public long errors() {
    return errors.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Measured errors by code, sorted by code. */
  public Map<String, Long> errorsByCode() {
    Map<String, Long> copy = new TreeMap<>();
    errors.forEach((code, n) -> copy.put(code, n.sum()));
    return copy;
  }

  /** Measured successes with {@code outcome} so far. */
  public long outcome(Outcome outcome) {
    return outcomes.get(outcome).sum();
  }

  /** Whether any request of the run, warm-up included, succeeded. */
  public boolean anySuccess() {
    return anySuccess.get();
  }

  /** The most recent failure (warm-up included), or {@code null}. */
  public Throwable lastError() {
    return lastError.get();
  }

  /** When the last measured request completed, if one did. */
  public long lastCompletionNanos(long orElse) {
    long last = lastCompletionNanos.get();
    return last == Long.MIN_VALUE ? orElse : last;
  }

  /** The latencies recorded since the previous call (all of them, on the first call). */
  public Histogram takeLatencies() {
    return latencies.getIntervalHistogram();
  }

  /** The POP error code of a failure, {@code INTERNAL} for anything that is not a {@link PopException}. */
  public static String codeOf(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof PopException pop) {
      return pop.code().name();
    }
    return ErrorCode.INTERNAL.name();
  }
}
