package dev.pop.cli.command;

import dev.pop.cli.CommandFailure;
import dev.pop.cli.DurationConverter;
import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.cli.output.PrimitivePrinter;
import dev.pop.client.ErrorCode;
import dev.pop.client.LockNotAcquiredException;
import dev.pop.client.Locks;
import dev.pop.client.PopClient;
import dev.pop.client.PopException;
import dev.pop.client.lease.LeaseLost;
import dev.pop.client.lock.LockGrant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lock NAME [--ttl S] [--wait S] [-- CMD ARGS...]}: takes the lock under a lease of its own that it keeps
 * alive, prints the fence, then runs CMD holding it (or, without CMD, holds until SIGINT/SIGTERM), then releases the
 * lock and revokes the lease. Exit codes: CMD's; 0 when released after a signal; 5 when not acquired within --wait
 * (or interrupted while waiting); 4 when the lease was lost while holding (CMD, if any, was killed).
 */
@Command(
    name = "lock",
    mixinStandardHelpOptions = true,
    description = {
      "Acquires lock NAME (FIFO among waiters) under a lease of --ttl kept alive in the background, prints its"
          + " fence, then:",
      "  with CMD: runs CMD with POP_LOCK_NAME, POP_LOCK_FENCE and POP_LOCK_LEASE in its environment and this"
          + " terminal's stdin/stdout/stderr, releases the lock when CMD ends and exits with CMD's exit code;",
      "  without CMD: holds the lock until Ctrl-C or SIGTERM, then releases it (exit 0).",
      "If the lease is lost while holding (no keepalive acknowledged within the TTL), another holder may get the"
          + " lock: popctl warns on stderr, kills CMD (SIGTERM, then SIGKILL after 5 s) and exits 4.",
      "Exit 5 if the lock was not acquired within --wait. Pass the fence to what CMD writes, so that a stale holder"
          + " can be refused (txn lockHeld, FenceGuard)."
    },
    footer = "%nExample:%n  popctl lock job --ttl 10 -- sh -c 'echo start $POP_LOCK_FENCE; sleep 2; echo end'")
public final class LockCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The lock name.")
  String name;

  @Parameters(index = "1..*", paramLabel = "CMD", arity = "0..*",
      description = "Command to run while holding the lock (after --).")
  List<String> command = new ArrayList<>();

  @Option(names = "--ttl", paramLabel = "S", defaultValue = "10s", converter = DurationConverter.class,
      description = "TTL of the lease the lock is held under (seconds or a duration). Default: ${DEFAULT-VALUE}.")
  Duration ttl;

  @Option(names = "--wait", paramLabel = "S", converter = DurationConverter.class,
      description = "Give up (exit 5) if not acquired within S (seconds or a duration). Default: wait forever.")
  Duration wait;

  @Override
  void validate() {
    if (name.isEmpty()) {
      throw usage("NAME must not be empty");
    }
  }

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    AtomicReference<ChildProcess> child = new AtomicReference<>();
    try (StopSignal stop = StopSignal.open();
        HeldLease lease = new HeldLease(client, ttl, stop, () -> warnAndKill(child.get()))) {
      LockGrant grant = acquire(client, lease, stop);
      try {
        PrimitivePrinter.of(options.output(), root().out()).lockHeld(grant);
        if (command.isEmpty()) {
          holdUntilStopped(stop);
          return lost(lease) ? failLost(lease) : 0;
        }
        ChildProcess running = ChildProcess.start(command, grant);
        child.set(running);
        if (lease.lost() != null) {
          warnAndKill(running); // lost while starting it
        }
        int code = running.waitFor(stop);
        return lost(lease) ? failLost(lease) : code;
      } finally {
        if (!lost(lease)) {
          try {
            client.locks().unlock(name, grant.fence());
          } catch (PopException e) {
            root().err().println("popctl lock: releasing " + name + " failed (" + e.getMessage()
                + "); revoking the lease releases it");
          }
        }
      }
    }
  }

  private LockGrant acquire(PopClient client, HeldLease lease, StopSignal stop) {
    stop.interruptOnStop(Thread.currentThread());
    try {
      return client.locks().lock(name, lease.id(), wait == null ? Locks.WAIT_FOREVER : wait);
    } catch (LockNotAcquiredException e) {
      if (lease.lost() != null) {
        throw new CommandFailure(ErrorCode.UNAVAILABLE, "lock " + name + ": " + lease.lost().message());
      }
      if (stop.isStopped()) {
        throw new CommandFailure(ErrorCode.CONFLICT, "lock " + name + ": interrupted (" + stop.reason()
            + ") before it was acquired");
      }
      throw e;
    } finally {
      stop.interruptOnStop(null);
      Thread.interrupted(); // a stop that raced the grant: handled by the hold below
    }
  }

  private static void holdUntilStopped(StopSignal stop) {
    try {
      while (!stop.await(1_000)) {
        // holding
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean lost(HeldLease lease) {
    return lease.lost() != null;
  }

  private int failLost(HeldLease lease) {
    LeaseLost l = lease.lost();
    throw new CommandFailure(ErrorCode.UNAVAILABLE, "lock " + name + ": lost: " + l.message()
        + "; another holder may have the lock now");
  }

  private void warnAndKill(ChildProcess running) {
    if (running != null) {
      root().err().println("popctl lock: the lease of lock " + name + " was lost; another holder may get the lock;"
          + " killing the command");
      root().err().flush();
      running.kill();
    }
  }
}
