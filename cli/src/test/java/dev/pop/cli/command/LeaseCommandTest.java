package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import dev.pop.client.lease.Lease;
import dev.pop.client.lease.LeaseLost;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaseCommandTest {

  private final CliHarness cli = new CliHarness();
  private final StopSignal stop = StopSignal.manual();

  @AfterEach
  void restore() {
    StopSignal.SOURCE = StopSignal::fromProcessSignals;
  }

  @Test
  void grantTakesSecondsOrADurationAndPrintsTheId() {
    Run run = cli.run("lease", "grant", "5");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("7587\n", run.out());
    assertEquals("{\"id\":7587,\"ttlMs\":3000}\n", cli.run("lease", "grant", "3s", "-o", "json").out());
    assertEquals(List.of("grant 5000", "grant 3000"), cli.client.coordination.calls);
    assertEquals(2, cli.run("lease", "grant", "soon").exitCode());
  }

  @Test
  void keepaliveOnceRevokeAndTtl() {
    assertEquals("lease 12 kept alive with TTL 3000 ms\n", cli.run("lease", "keepalive", "12", "--once").out());
    assertEquals("lease 12 revoked; 2 keys deleted\n", cli.run("lease", "revoke", "12").out());
    assertEquals("lease 12 TTL 3000 ms, remaining 2100 ms\na\nb\n", cli.run("lease", "ttl", "12", "--keys").out());
    assertEquals("{\"id\":12,\"ttlMs\":3000,\"remainingMs\":2100,\"keys\":[]}\n",
        cli.run("lease", "ttl", "12", "-o", "json").out());
    assertEquals(2, cli.run("lease", "revoke", "0").exitCode());
    assertEquals(2, cli.run("lease").exitCode(), "a subcommand is required");
  }

  @Test
  void keepaliveHoldsUntilStoppedAndDoesNotRevoke() throws Exception {
    StopSignal.SOURCE = () -> stop;
    CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> cli.run("lease", "keepalive", "12"));
    awaitKeeper();
    cli.client.coordination.keeperListener.onKeptAlive(new Lease(12, Duration.ofSeconds(3)));
    stop.stop("SIGINT");
    Run r = run.get(10, TimeUnit.SECONDS);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("lease 12 kept alive with TTL 3000 ms\n", r.out());
    assertEquals(List.of("keep 12", "keeper closed"), cli.client.coordination.calls);
  }

  @Test
  void keepaliveExits3WhenTheLeaseIsGone() throws Exception {
    StopSignal.SOURCE = () -> stop;
    CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> cli.run("lease", "keepalive", "12"));
    awaitKeeper();
    cli.client.coordination.keeperListener.onLost(new LeaseLost(12, LeaseLost.Reason.NOT_FOUND,
        "lease 12: the server says it does not exist any more"));
    Run r = run.get(10, TimeUnit.SECONDS);
    assertEquals(3, r.exitCode());
    assertTrue(r.err().startsWith("Error: NOT_FOUND: lease 12: the server says"), r.err());
  }

  private void awaitKeeper() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (cli.client.coordination.keeperListener == null) {
      assertTrue(System.nanoTime() < deadline, "the keeper did not start");
      Thread.sleep(5);
    }
  }
}
