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
import dev.pop.client.election.Leader;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code elect NAME VALUE [--ttl S]}: campaigns under a lease of its own, prints when elected, holds leadership
 * until SIGINT/SIGTERM and then resigns (exit 0). Exit 4 if the lease is lost while leader.
 */
@Command(
    name = "elect",
    mixinStandardHelpOptions = true,
    description = {
      "Campaigns to be leader of election NAME with VALUE (e.g. this node's address), under a lease of --ttl kept"
          + " alive in the background; waits its turn (FIFO), prints when elected, and stays leader until Ctrl-C"
          + " or SIGTERM, then resigns (exit 0).",
      "Exit 4 if the lease is lost while leader (another candidate may be elected)."
    })
public final class ElectCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The election name.")
  String name;

  @Parameters(index = "1", paramLabel = "VALUE", description = "The value to publish while leader.")
  String value;

  @Option(names = "--ttl", paramLabel = "S", defaultValue = "10s", converter = DurationConverter.class,
      description = "TTL of the campaign's lease (seconds or a duration). Default: ${DEFAULT-VALUE}.")
  Duration ttl;

  @Override
  void validate() {
    if (name.isEmpty()) {
      throw usage("NAME must not be empty");
    }
  }

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    try (StopSignal stop = StopSignal.open(); HeldLease lease = new HeldLease(client, ttl, stop, () -> { })) {
      Leader leader = campaign(client, lease, stop);
      PrimitivePrinter.of(options.output(), root().out()).elected(leader);
      try {
        while (!stop.await(1_000)) {
          // leading
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (lease.lost() != null) {
        throw new CommandFailure(ErrorCode.UNAVAILABLE, "elect " + name + ": no longer the leader: "
            + lease.lost().message());
      }
      try {
        client.elections().resign(leader);
      } catch (PopException e) {
        root().err().println("popctl elect: resigning failed (" + e.getMessage() + "); revoking the lease ends"
            + " the leadership");
      }
      return 0;
    }
  }

  private Leader campaign(PopClient client, HeldLease lease, StopSignal stop) {
    stop.interruptOnStop(Thread.currentThread());
    try {
      return client.elections().campaign(name, lease.id(), value, Locks.WAIT_FOREVER);
    } catch (LockNotAcquiredException e) {
      if (lease.lost() != null) {
        throw new CommandFailure(ErrorCode.UNAVAILABLE, "elect " + name + ": " + lease.lost().message());
      }
      throw new CommandFailure(ErrorCode.CONFLICT, "elect " + name + ": interrupted before being elected");
    } finally {
      stop.interruptOnStop(null);
      Thread.interrupted();
    }
  }
}
