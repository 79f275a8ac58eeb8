package dev.pop.cli.bench;

import java.time.Duration;

/**
 * What one {@code popctl bench} run does. Exactly one of {@code duration} and {@code total} bounds the
 * measurement; {@code warmup} (possibly zero) precedes it and is not measured; {@code maxTime} is the hard
 * stop for the whole run (warm-up, measurement and the drain of requests still in flight).
 *
 * @param duration how long to measure, or {@code null} when {@code total} is set
 * @param total how many measured requests to complete, or 0 when {@code duration} is set
 * @param names how many distinct lock names the {@code lock} workload spreads its clients over
 */
public record BenchConfig(
    Workload workload,
    int clients,
    int conns,
    Duration duration,
    long total,
    int valueSize,
    int keys,
    Duration warmup,
    Duration maxTime,
    int names) {

  public BenchConfig {
    if ((duration == null) == (total <= 0)) {
      throw new IllegalArgumentException("exactly one of duration and total must be set");
    }
    if (clients < 1 || conns < 1 || conns > clients || keys < 1 || valueSize < 0 || names < 1) {
      throw new IllegalArgumentException("bad bench config " + clients + "/" + conns + "/" + keys + "/" + names);
    }
  }

  /** A run with one lock name. */
  public BenchConfig(Workload workload, int clients, int conns, Duration duration, long total, int valueSize,
      int keys, Duration warmup, Duration maxTime) {
    this(workload, clients, conns, duration, total, valueSize, keys, warmup, maxTime, 1);
  }

  /** The default hard stop: warm-up, then the measurement, then one request deadline and 5 s for the drain. */
  public static Duration defaultMaxTime(Duration warmup, Duration duration, Duration requestTimeout) {
    Duration measured = duration == null ? Duration.ofMinutes(10) : duration;
    return warmup.plus(measured).plus(requestTimeout).plusSeconds(5);
  }
}
