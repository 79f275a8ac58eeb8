package dev.pop.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CommandFailure;
import dev.pop.client.ErrorCode;
import dev.pop.client.NoSpaceException;
import dev.pop.client.UnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BenchRunnerTest {

  private final ManualKv kv = new ManualKv();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private BenchResult run(Workload workload, int clients, Duration duration, long total, Duration maxTime) {
    BenchConfig config = new BenchConfig(workload, clients, 1, duration, total, 16, 50, Duration.ZERO, maxTime);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new BenchRunner(config, List.of(new ManualPopClient(kv)), errStream, new Progress(errStream, false, "x"),
        System::nanoTime).run();
  }

  private String errText() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void someErrorsAreCountedAndTheRunSucceeds() {
    kv.answer = n -> n % 2 == 0
        ? CompletableFuture.failedFuture(new UnavailableException("no leader"))
        : CompletableFuture.completedFuture(n);
    BenchResult r = run(Workload.PUT, 4, null, 100, Duration.ofSeconds(10));
    assertEquals(50, r.ops());
    assertEquals(50, r.errors());
    assertEquals(50L, r.errorsByCode().get("UNAVAILABLE"));
  }

  @Test
  void readsFillTheKeysFirstOutsideTheMeasurement() {
    kv.answer = n -> CompletableFuture.completedFuture(n);
    BenchResult r = run(Workload.GET, 4, null, 100, Duration.ofSeconds(10));
    assertEquals(100, r.ops());
    assertEquals(150, kv.calls.get(), "50 puts of the keys, then 100 measured gets");
  }

  @Test
  void anUnreachableClusterIsUnavailable() {
    kv.answer = n -> CompletableFuture.failedFuture(new UnavailableException(
        "put: no leader reachable (tried 127.0.0.1:7701); a majority of members is needed"));
    CommandFailure f = assertThrows(CommandFailure.class,
        () -> run(Workload.PUT, 2, Duration.ofMillis(200), 0, Duration.ofSeconds(10)));
    assertEquals(ErrorCode.UNAVAILABLE, f.code());
    assertTrue(f.getMessage().startsWith("bench put: no request succeeded in "), f.getMessage());
    assertTrue(f.getMessage().contains("the cluster was unreachable throughout"), f.getMessage());
    assertTrue(f.getMessage().endsWith("tried 127.0.0.1:7701); a majority of members is needed"), f.getMessage());
  }

  @Test
  void anUnreachableClusterFailsTheFillOfAReadWorkload() {
    kv.answer = n -> CompletableFuture.failedFuture(new UnavailableException("put: no leader"));
    CommandFailure f = assertThrows(CommandFailure.class,
        () -> run(Workload.GET, 2, Duration.ofSeconds(5), 0, Duration.ofSeconds(10)));
    assertEquals(ErrorCode.UNAVAILABLE, f.code());
    assertTrue(f.getMessage().startsWith("bench get: could not write any of the 50 keys"), f.getMessage());
    assertEquals(50, kv.calls.get(), "no read was sent");
  }

  @Test
  void nothingSucceedingForAnotherReasonExitsWithThatCode() {
    kv.answer = n -> CompletableFuture.failedFuture(new NoSpaceException("put: quota reached"));
    CommandFailure f = assertThrows(CommandFailure.class,
        () -> run(Workload.PUT, 1, null, 10, Duration.ofSeconds(10)));
    assertEquals(ErrorCode.NO_SPACE, f.code());
  }

  @Test
  void theHardStopAbandonsRequestsStillInFlight() {
    kv.answer = n -> n < 3 ? CompletableFuture.completedFuture(n) : new CompletableFuture<>();
    long start = System.nanoTime();
    BenchResult r = run(Workload.PUT, 2, Duration.ofMillis(100), 0, Duration.ofMillis(400));
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMs >= 390 && tookMs < 3_000, "took " + tookMs + " ms");
    assertEquals(3, r.ops());
    assertEquals(2L, r.errorsByCode().get(Tally.ABANDONED));
    assertTrue(errText().contains("hard stop after PT0.4S (--max-time): 2 requests still in flight"), errText());
  }
}
