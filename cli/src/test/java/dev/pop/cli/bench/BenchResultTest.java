package dev.pop.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BenchResultTest {

  static final BenchConfig CONFIG = new BenchConfig(Workload.PUT, 64, 1, Duration.ofSeconds(20), 0, 256, 10_000,
      Duration.ZERO, Duration.ofSeconds(30));

  @Test
  void percentilesAreMillisecondsFromAHistogramOfMicroseconds() {
    Histogram micros = new Histogram(3);
    for (int us = 1; us <= 1_000; us++) {
      micros.recordValue(us);
    }
    BenchResult r = BenchResult.of(CONFIG, micros, Map.of(), 2_000_000_000L, o -> 0);
    assertEquals(1_000, r.ops());
    assertEquals(500.0, r.opsPerSec());
    assertEquals(0.5, r.p50Ms());
    assertEquals(0.9, r.p90Ms());
    assertEquals(0.99, r.p99Ms());
    assertEquals(0.999, r.p999Ms());
    assertEquals(1.0, r.maxMs());
    assertEquals(2.0, r.durationSec());
  }

  @Test
  void largeLatenciesKeepThreeSignificantDigits() {
    Histogram micros = new Histogram(3);
    micros.recordValue(12_345_678); // 12.345678 s
    BenchResult r = BenchResult.of(CONFIG, micros, Map.of(), 1_000_000_000L, o -> 0);
    assertEquals(12_345_678 / 1000.0, r.maxMs(), 12_345_678 / 1000.0 * 0.001);
    assertEquals(r.maxMs(), r.p50Ms());
  }

  @Test
  void ratesAndSecondsAreRounded() {
    Histogram micros = new Histogram(3);
    micros.recordValueWithCount(100, 10);
    BenchResult r = BenchResult.of(CONFIG, micros, Map.of(), 3_000_000_000L, o -> 0);
    assertEquals(3.3, r.opsPerSec());
    assertEquals(0.1, r.p99Ms());
  }

  @Test
  void errorsAreSummedAndSortedByCode() {
    Histogram micros = new Histogram(3);
    micros.recordValue(2_000);
    BenchResult r =
        BenchResult.of(CONFIG, micros, Map.of("UNKNOWN_OUTCOME", 3L, "UNAVAILABLE", 4L), 1_000_000_000L, o -> 0);
    assertEquals(7, r.errors());
    assertEquals(List.of("UNAVAILABLE", "UNKNOWN_OUTCOME"), List.copyOf(r.errorsByCode().keySet()));
    assertEquals(1, r.ops());
  }

  @Test
  void anEmptyHistogramGivesZeros() {
    BenchResult r = BenchResult.of(CONFIG, new Histogram(3), Map.of("UNAVAILABLE", 5L), 0, o -> 0);
    assertEquals(0, r.ops());
    assertEquals(0.0, r.opsPerSec());
    assertEquals(0.0, r.p50Ms());
    assertEquals(0.0, r.maxMs());
    assertEquals(5, r.errors());
  }

  @Test
  void carriesTheShapeOfTheRun() {
    BenchResult r = BenchResult.of(CONFIG, new Histogram(3), Map.of(), 1, o -> 0);
    assertEquals("put", r.workload());
    assertEquals(64, r.clients());
    assertEquals(1, r.conns());
    assertEquals(256, r.valueSize());
    assertEquals(10_000, r.keys());
  }

  @Test
  void aTxnRunCountsEachOutcomeEvenWhenNoneHappened() {
    BenchConfig txn = new BenchConfig(Workload.TXN, 1, 1, null, 5, 16, 10, Duration.ZERO, Duration.ofSeconds(9));
    BenchResult r = BenchResult.of(txn, new Histogram(3), Map.of(), 1,
        o -> o == Outcome.COMPARE_FAILED ? 4 : 0);
    assertEquals(Map.of("compareSucceeded", 0L, "compareFailed", 4L), r.outcomes());
    assertEquals(List.of("compareSucceeded", "compareFailed"), List.copyOf(r.outcomes().keySet()));
    assertEquals(Map.of(), BenchResult.of(CONFIG, new Histogram(3), Map.of(), 1, o -> 3).outcomes());
  }
}
