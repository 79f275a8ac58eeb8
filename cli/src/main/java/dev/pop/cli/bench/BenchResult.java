package dev.pop.cli.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * The result of one run, as printed: successful measured requests, their rate over the measured time, their
 * latency percentiles in milliseconds (from a histogram of microseconds), and the measured errors.
 *
 * @param ops measured requests that succeeded
 * @param opsPerSec {@code ops} divided by the measured time
 * @param errors measured requests that failed (or were abandoned at the hard stop)
 * @param errorsByCode {@code errors} split by error code, sorted by code
 * @param durationSec the measured time: from the end of the warm-up until the last measured request completed
 * @param outcomes {@code ops} split by {@link Outcome} (by {@link Outcome#jsonName()}, in the workload's order),
 *     for the workloads that tell successes apart; empty for the others
 */
public record BenchResult(
    String workload,
    long ops,
    double opsPerSec,
    double p50Ms,
    double p90Ms,
    double p99Ms,
    double p999Ms,
    double maxMs,
    long errors,
    Map<String, Long> errorsByCode,
    int clients,
    int conns,
    int valueSize,
    int keys,
    double durationSec,
    Map<String, Long> outcomes) {

  public BenchResult {
    errorsByCode = Collections.unmodifiableSortedMap(new TreeMap<>(errorsByCode));
    outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
  }

  /** A result without outcomes. */
  public BenchResult(String workload, long ops, double opsPerSec, double p50Ms, double p90Ms, double p99Ms,
      double p999Ms, double maxMs, long errors, Map<String, Long> errorsByCode, int clients, int conns,
      int valueSize, int keys, double durationSec) {
    this(workload, ops, opsPerSec, p50Ms, p90Ms, p99Ms, p999Ms, maxMs, errors, errorsByCode, clients, conns,
        valueSize, keys, durationSec, Map.of());
  }

  /**
   * @param latenciesMicros the latency of each successful measured request, in microseconds
   * @param elapsedNanos the measured time
   * @param outcomes measured successes by outcome; only the workload's {@link Workload#outcomes()} are kept
   */
  public static BenchResult of(BenchConfig config, Histogram latenciesMicros, Map<String, Long> errorsByCode,
      long elapsedNanos, ToLongFunction<Outcome> outcomes) {
    Map<String, Long> counted = new LinkedHashMap<>();
    for (Outcome outcome : config.workload().outcomes()) {
      counted.put(outcome.jsonName(), outcomes.applyAsLong(outcome));
    }
    long ops = latenciesMicros.getTotalCount();
    long errors = errorsByCode.values().stream().mapToLong(Long::longValue).sum();
    double seconds = elapsedNanos / 1e9;
    double rate = seconds > 0 ? ops / seconds : 0;
    return new BenchResult(
        config.workload().cliName(),
        ops,
        round(rate, 1),
        percentileMs(latenciesMicros, 50.0),
        percentileMs(latenciesMicros, 90.0),
        percentileMs(latenciesMicros, 99.0),
        percentileMs(latenciesMicros, 99.9),
        ops == 0 ? 0 : round(latenciesMicros.getMaxValue() / 1_000.0, 3),
        errors,
        errorsByCode,
        config.clients(),
        config.conns(),
        config.valueSize(),
        config.keys(),
        round(seconds, 3),
        counted);
  }

  /** The {@code percentile} of a histogram of microseconds, in milliseconds to the microsecond; 0 if empty. */
  static double percentileMs(Histogram micros, double percentile) {
    if (micros.getTotalCount() == 0) {
      return 0;
    }
    return round(micros.getValueAtPercentile(percentile) / 1_000.0, 3);
  }

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
