package dev.pop.cli.bench;

import dev.pop.cli.CommandFailure;
import dev.pop.client.ErrorCode;
import dev.pop.client.PopClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * One {@code popctl bench} run over already opened connections: writes the keys first when the workload reads
 * them and grants one lease per client when it needs them, runs the closed loop (warm-up, then the
 * measurement), shows progress, enforces the hard stop, revokes the leases, and turns the tally into a
 * {@link BenchResult}.
 *
 * <p>A run in which no request succeeded at all fails with a {@link CommandFailure} of the most frequent error
 * code: UNAVAILABLE (exit 4) when the cluster could not be reached for the whole run.
 */
public final class BenchRunner {

  /** Most key writes (or lease grants and revokes) in flight while preparing a run or cleaning up after it. */
  static final int FILL_WINDOW = 1024;
  /** How long the revocation of the leases after a run may take. */
  static final Duration CLEANUP_TIME = Duration.ofSeconds(30);
  private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final BenchConfig config;
  private final List<PopClient> conns;
  private final PrintStream err;
  private final Progress progress;
  private final LongSupplier clock;
  private final String name;

  /**
   * A runner of {@link #measure} and {@link #prepare} only, for requests of other systems (the comparison load
   * generator uses it to drive etcd and ZooKeeper exactly as POP is driven).
   */
  public BenchRunner(BenchConfig config, PrintStream err, Progress progress, LongSupplier clock) {
    this(config, List.of(), err, progress, clock);
  }

  /** A runner of POP: {@link #run} over {@code conns}. */
  public BenchRunner(BenchConfig config, List<PopClient> conns, PrintStream err, Progress progress, LongSupplier clock) {
    this.config = config;
    this.conns = List.copyOf(conns);
    this.err = err;
    this.progress = progress;
    this.clock = clock;
    this.name = "bench " + config.workload().cliName();
  }

  /** The POP run of the config's workload over the connections given to the constructor. */
  public BenchResult run() {
    if (conns.isEmpty()) {
      throw new IllegalStateException("no POP connection: this runner was made for another system");
    }
    long hardStop = hardStopFromNow();
    Workload workload = config.workload();
    if (workload == Workload.WATCH) {
      try {
        return new WatchBench(config, conns).run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CommandFailure(ErrorCode.UNAVAILABLE, name + ": interrupted");
      }
    }
    Requests requests = new Requests(conns, config.keys(), config.valueSize());
    if (!workload.needsLeases()) {
      ClosedLoop.Request request = requests.of(workload);
      if (workload.needsData()) {
        prepare("write", "keys", requests.fill(), config.keys(), hardStop, false);
      }
      return measure(request, hardStop);
    }
    ClientLeases leases = new ClientLeases(conns, config.clients(), ClientLeases.ttlFor(config.maxTime()));
    try {
      prepare("grant", "leases", leases.grant(), config.clients(), hardStop, true);
      return measure(workload == Workload.LOCK ? leases.lockCycles(config.names()) : leases.keepAlives(), hardStop);
    } finally {
      revoke(leases);
    }
  }

  /** When a run starting now must stop: now + --max-time, on the runner's clock. */
  public long hardStopFromNow() {
    return clock.getAsLong() + config.maxTime().toNanos();
  }

  /**
   * The closed loop of {@code request} with the config's clients: warm-up, then the measurement, with progress,
   * stopped at {@code hardStop} at the latest.
   *
   * @throws CommandFailure if no request succeeded at all
   */
  public BenchResult measure(ClosedLoop.Request request, long hardStop) {
    long warmup = config.warmup().toNanos();
    Schedule schedule = config.duration() != null
        ? Schedule.forDuration(clock, warmup, config.duration().toNanos())
        : Schedule.forTotal(clock, warmup, config.total());
    Tally tally = new Tally();
    ClosedLoop loop = new ClosedLoop(request, config.clients(), schedule, tally, clock);
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
    // a --duration run counts the requests completed inside its window, so the window is the denominator; a
    // --total run ends with its last completion
    long end = !finished ? now : config.duration() != null
        ? schedule.measureStartNanos() + config.duration().toNanos() : tally.lastCompletionNanos(now);
    return BenchResult.of(config, tally.takeLatencies(), errors, Math.max(0, end - schedule.measureStartNanos()),
        tally::outcome);
  }

  /**
   * Sends {@code request} {@code count} times before the run, {@link #FILL_WINDOW} at a time ({@code verb} the
   * {@code count} {@code what}: "write" the "keys", "grant" the "leases"). Fails if none succeeded, or, when
   * {@code all}, if any failed; otherwise warns about the failures.
   */
  public void prepare(String verb, String what, ClosedLoop.Request request, int count, long hardStop,
      boolean all) {
    long start = clock.getAsLong();
    Tally tally = run(request, count, hardStop, done -> progress.preparing(verb, what, done, count));
    long ok = tally.ok();
    long failed = tally.errors();
    Map<String, Long> errors = tally.errorsByCode();
    if (ok + failed < count) {
      throw new CommandFailure(ErrorCode.UNAVAILABLE, String.format(Locale.ROOT,
          "%s: could not %s the %,d %s before the run within --max-time %s (%,d done)",
          name, verb, count, what, config.maxTime(), ok));
    }
    if (ok == 0 || (all && failed > 0)) {
      String which = ok == 0 ? "any" : String.format(Locale.ROOT, "%,d", failed);
      throw nothingSucceeded(String.format(Locale.ROOT, "could not %s %s of the %,d %s before the run", verb,
          which, count, what), errors, tally.lastError(), (clock.getAsLong() - start) / 1e9);
    }
    if (failed > 0) {
      err.printf(Locale.ROOT, "%s: warning: %,d of %,d %s could not be written before the run (%s); "
          + "reads of them find nothing%n", name, failed, count, what, describe(errors));
    }
  }

  /** Revokes the run's leases; on failure, says so (they expire by themselves after their TTL). */
  private void revoke(ClientLeases leases) {
    int count = config.clients();
    Tally tally = run(leases.revoke(), count, clock.getAsLong() + CLEANUP_TIME.toNanos(),
        done -> progress.preparing("revoke", "leases", done, count));
    if (tally.ok() < count) {
      err.printf(Locale.ROOT, "%s: warning: %,d of %,d leases could not be revoked after the run (%s); they "
          + "expire within %s%n", name, count - tally.ok(), count, describe(tally.errorsByCode()),
          ClientLeases.ttlFor(config.maxTime()));
    }
  }

  /**
   * Sends {@code request} {@code count} times, {@link #FILL_WINDOW} at a time, until all completed or
   * {@code deadline}; then {@code ok() + errors()} of the tally is below {@code count}.
   */
  private Tally run(ClosedLoop.Request request, int count, long deadline, LongConsumer tick) {
    Tally tally = new Tally();
    Schedule schedule = Schedule.forTotal(clock, 0, count);
    ClosedLoop loop = new ClosedLoop(request, Math.min(count, FILL_WINDOW), schedule, tally, clock);
    loop.start();
    if (!await(loop, deadline, () -> tick.accept(tally.ok()))) {
      schedule.stop();
    }
    progress.clear();
    return tally;
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
