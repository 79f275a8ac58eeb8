package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import dev.pop.client.LockNotAcquiredException;
import dev.pop.client.lease.LeaseLost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockCommandTest {

  @TempDir Path dir;
  private final CliHarness cli = new CliHarness();
  private final StopSignal stop = StopSignal.manual();

  @AfterEach
  void restore() {
    StopSignal.SOURCE = StopSignal::fromProcessSignals;
  }

  @Test
  void runsTheCommandWithTheLockInItsEnvironmentAndExitsWithItsCode() throws Exception {
    Path seen = dir.resolve("seen");
    Run run = cli.run("lock", "job", "--ttl", "5", "--", "sh", "-c",
        "echo \"$POP_LOCK_NAME $POP_LOCK_FENCE $POP_LOCK_LEASE\" > " + seen + "; exit 3");
    assertEquals(3, run.exitCode(), run.err());
    assertEquals("job 42 7587\n", Files.readString(seen));
    assertEquals("42\n", run.out(), "the fence is printed first");
    assertEquals(List.of("grantAndKeep 5000", "lock job 7587 forever", "unlock job 42", "keeper closed",
        "revoke 7587"), cli.client.coordination.calls, "released after the command, then the lease revoked");
  }

  @Test
  void aSuccessfulCommandExitsZeroAndJsonPrintsNameAndFence() {
    Run run = cli.run("lock", "job", "-o", "json", "--wait", "2s", "--", "true");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("{\"name\":\"job\",\"fence\":42}\n", run.out());
    assertTrue(cli.client.coordination.calls.contains("lock job 7587 2000"), cli.client.coordination.calls.toString());
  }

  @Test
  void withoutACommandItHoldsUntilStopped() throws Exception {
    StopSignal.SOURCE = () -> stop;
    CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> cli.run("lock", "job"));
    awaitCall("lock job");
    Thread.sleep(100);
    assertTrue(!cli.client.coordination.calls.contains("unlock job 42"), "still held");
    stop.stop("SIGTERM");
    Run r = run.get(10, TimeUnit.SECONDS);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("42\n", r.out());
    assertTrue(cli.client.coordination.calls.contains("unlock job 42"));
    assertTrue(cli.client.coordination.calls.contains("revoke 7587"));
  }

  @Test
  void losingTheLeaseKillsTheCommandAndExits4() throws Exception {
    long started = System.nanoTime();
    CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> cli.run("lock", "job", "--", "sleep", "30"));
    awaitCall("lock job");
    Thread.sleep(300); // the command is running
    cli.client.coordination.keeperListener.onLost(new LeaseLost(7587, LeaseLost.Reason.DEADLINE_PASSED,
        "lease 7587: no keepalive acknowledged within its TTL of 10000 ms; it must be assumed expired"));
    Run r = run.get(10, TimeUnit.SECONDS);
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(8), "the command was killed, not awaited");
    assertEquals(4, r.exitCode());
    String[] lines = r.err().split("\n");
    assertTrue(lines[0].startsWith("popctl lock: the lease of lock job was lost"), r.err());
    assertTrue(lines[1].startsWith("Error: UNAVAILABLE: lock job: lost: lease 7587"), r.err());
    assertTrue(!cli.client.coordination.calls.contains("unlock job 42"), "a lost lock is not unlocked");
  }

  @Test
  void notAcquiredInTimeExits5() {
    cli.client.coordination.lockFailure = new LockNotAcquiredException("job", true,
        "lock job: not acquired within 1000 ms (place 1 among the waiters); left the queue");
    Run run = cli.run("lock", "job", "--wait", "1", "--", "true");
    assertEquals(5, run.exitCode());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("Error: CONFLICT: lock job: not acquired within 1000 ms"), run.err());
    assertTrue(cli.client.coordination.calls.contains("revoke 7587"), "the lease is revoked anyway");
  }

  @Test
  void anEmptyNameIsAUsageError() {
    assertEquals(2, cli.run("lock", "", "--", "true").exitCode());
    assertEquals(0, cli.connections);
  }

  private void awaitCall(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (cli.client.coordination.calls.stream().noneMatch(c -> c.startsWith(prefix))) {
      assertTrue(System.nanoTime() < deadline, "no call " + prefix);
      Thread.sleep(5);
    }
  }
}
