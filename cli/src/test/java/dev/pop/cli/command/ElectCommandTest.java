package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ElectCommandTest {

  private final CliHarness cli = new CliHarness();
  private final StopSignal stop = StopSignal.manual();

  @AfterEach
  void restore() {
    StopSignal.SOURCE = StopSignal::fromProcessSignals;
  }

  @Test
  void printsWhenElectedAndResignsWhenStopped() throws Exception {
    StopSignal.SOURCE = () -> stop;
    CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> cli.run("elect", "db", "10.0.0.1:5432"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!cli.client.coordination.calls.contains("campaign db 10.0.0.1:5432")) {
      assertTrue(System.nanoTime() < deadline);
      Thread.sleep(5);
    }
    stop.stop("SIGINT");
    Run r = run.get(10, TimeUnit.SECONDS);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("elected db 10.0.0.1:5432 (fence 42)\n", r.out());
    assertTrue(cli.client.coordination.calls.contains("resign db 42"), cli.client.coordination.calls.toString());
    assertTrue(cli.client.coordination.calls.contains("revoke 7587"));
  }
}
