package dev.pop.cli.bench;

import dev.pop.cli.CommandFailure;
import dev.pop.client.ErrorCode;
import dev.pop.client.Kv;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One {@code popctl bench} run over already opened connections: writes the keys first when the workload reads
 * them, runs the closed loop (warm-up, then the measurement), shows progress, enforces the hard stop, and turns
 * the tally into a {@link BenchResult}.
 *
 * <p>A run in which no request succeeded at all fails with a {@link CommandFailure} of the most frequent error
 * code: UNAVAILABLE (exit 4) when the cluster could not be reached for the whole run.
 */
public final class BenchRunner {

  /** Most key writes in flight while filling the store before a read workload. */
  static final int FILL_WINDOW = 1024;
  private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final BenchConfig config;
  private final List<Kv> conns;
  private final PrintStream err;
  private final Progress progress;
  private final LongSupplier clock;
  private final String name;

  public BenchRunner(BenchConfig config, List<Kv> conns, PrintStream err, Progress progress, LongSupplier clock) {
    this.config = config;
    this.conns = List.copyOf(conns);
    this.err = err;
    this.progress = progress;
    this.clock = clock;
    this.name = "bench " + config.workload().cliName();
  }

  public BenchResult run() {
    long start = clock.getAsLong();
    long hardStop = start + config.maxTime().toNanos();
    Requests requests = new Requests(conns, config.keys(), config.valueSize());
    if (config.workload().needsData()) {
      fill(requests, hardStop);
    }
    long warmup = config.warmup().toNanos();
    Schedule schedule = config.duration() != null
        ? Schedule.forDuration(clock, warmup, config.duration().toNanos())
        : Schedule.forTotal(clock, warmup, config.total());
    Tally tally = new Tally();
    ClosedLoop loop = new ClosedLoop(requests.of(config.workload()), config.clients(), schedule, tally, clock);
    long loopStart = clock.getAsLong();
    loop.start();
    boolean finished = await(loop, hardStop, () -> {
      long now = clock.getAsLong();
      if (schedule.measuring(now)) {
        progress.measuring(tally.ok(), tally.errors(), now - schedule.measureStartNanos());
      } else {
        progress.warmingUp(now - loopStart, warmup);
      }
    });
    long now = clock.getAsLong();
    if (!finished) {
      schedule.stop();
      tally.abandoned(loop.measuredInFlight());
    }
    progress.clear();
    if (!finished) {
      err.printf(Locale.ROOT, "%s: hard stop after %s (--max-time): %,d requests still in flight were abandoned "
          + "and counted as errors (%s)%n", name, config.maxTime(), loop.inFlight(), Tally.ABANDONED);
    }
    Map<String, Long> errors = tally.errorsByCode();
    if (!tally.anySuccess()) {
      throw nothingSucceeded("no request succeeded", errors, tally.lastError(),
          (now - loopStart) / 1e9);
    }
    long end = finished ? tally.lastCompletionNanos(now) : now;
    return BenchResult.of(config, tally.takeLatencies(), errors, Math.max(0, end - schedule.measureStartNanos()));
  }

  /** Writes every key once, {@link #FILL_WINDOW} at a time; fails if none could be written. */
  private void fill(Requests requests, long hardStop) {
    int keys = config.keys();
    Tally tally = new Tally();
    Schedule schedule = Schedule.forTotal(clock, 0, keys);
    ClosedLoop loop =
        new ClosedLoop(requests.fill(), Math.min(keys, FILL_WINDOW), schedule, tally, clock);
    long start = clock.getAsLong();
    loop.start();
    boolean finished = await(loop, hardStop, () -> progress.filling(tally.ok(), keys));
    progress.clear();
    Map<String, Long> errors = tally.errorsByCode();
    if (!finished) {
      schedule.stop();
      throw new CommandFailure(ErrorCode.UNAVAILABLE, String.format(Locale.ROOT,
          "%s: writing the %,d keys before the run did not finish within --max-time %s (%,d written)",
          name, keys, config.maxTime(), tally.ok()));
    }
    if (tally.ok() == 0) {
      throw nothingSucceeded("could not write any of the " + keys + " keys before the run", errors,
          tally.lastError(), (clock.getAsLong() - start) / 1e9);
    }
    if (tally.errors() > 0) {
      err.printf(Locale.ROOT, "%s: warning: %,d of %,d keys could not be written before the run (%s); "
          + "reads of them find nothing%n", name, tally.errors(), keys, describe(errors));
    }
  }

  /** Waits for the loop until the hard stop, calling {@code tick} about once a second. */
  private boolean await(ClosedLoop loop, long hardStop, Runnable tick) {
    try {
      while (true) {
        long left = hardStop - clock.getAsLong();
        if (left <= 0) {
          return loop.done();
        }
        if (loop.awaitDone(Math.min(left, TICK_NANOS), TimeUnit.NANOSECONDS)) {
          return true;
        }
        tick.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return loop.done();
    }
  }

  private CommandFailure nothingSucceeded(
      String what, Map<String, Long> errors, Throwable lastError, double seconds) {
    ErrorCode code = errors.entrySet().stream()
        .max(Comparator.comparingLong(Map.Entry::getValue))
        .map(e -> toErrorCode(e.getKey()))
        .orElse(ErrorCode.UNAVAILABLE);
    String cause = lastError == null ? "" : "; last error: " + message(lastError);
    String hint = code == ErrorCode.UNAVAILABLE || code == ErrorCode.UNKNOWN_OUTCOME
        ? "; the cluster was unreachable throughout (is it up, with a majority of members?)"
        : "";
    return new CommandFailure(code, String.format(Locale.ROOT, "%s: %s in %.1f s (%s)%s%s",
        name, what, seconds, errors.isEmpty() ? "no reply" : describe(errors), hint, cause));
  }

  static ErrorCode toErrorCode(String code) {
    if (Tally.ABANDONED.equals(code)) {
      return ErrorCode.UNAVAILABLE;
    }
    try {
      return ErrorCode.valueOf(code);
    } catch (IllegalArgumentException e) {
      return ErrorCode.INTERNAL;
    }
  }

  /** {@code UNAVAILABLE 12, UNKNOWN_OUTCOME 3}. */
  static String describe(Map<String, Long> errors) {
    StringBuilder sb = new StringBuilder();
    errors.forEach((code, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(code).append(' ').append(n));
    return sb.toString();
  }

  private static String message(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
  }
}
