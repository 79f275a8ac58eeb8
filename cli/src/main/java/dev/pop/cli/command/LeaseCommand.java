package dev.pop.cli.command;

import dev.pop.cli.CommandFailure;
import dev.pop.cli.DurationConverter;
import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.cli.output.PrimitivePrinter;
import dev.pop.client.ErrorCode;
import dev.pop.client.PopClient;
import dev.pop.client.lease.Lease;
import dev.pop.client.lease.LeaseKeeper;
import dev.pop.client.lease.LeaseLost;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lease grant TTL | keepalive ID [--once] | revoke ID | ttl ID [--keys]}. */
@Command(
    name = "lease",
    mixinStandardHelpOptions = true,
    description = "Grants, keeps alive, revokes and inspects leases. Keys put with --lease ID are deleted, and locks"
        + " held with it released, when the lease ends.",
    subcommands = {
      LeaseCommand.Grant.class,
      LeaseCommand.KeepAlive.class,
      LeaseCommand.Revoke.class,
      LeaseCommand.TimeToLive.class
    })
public final class LeaseCommand implements java.util.concurrent.Callable<Integer> {

  /** {@code popctl lease} alone. */
  @Override
  public Integer call() {
    throw new CommandFailure(ErrorCode.INVALID_ARGUMENT,
        "lease: missing subcommand: grant, keepalive, revoke or ttl (see 'popctl lease --help')");
  }

  static void requirePositive(ClientCommand c, String what, long id) {
    if (id <= 0) {
      throw c.usage(what + " must be > 0, got " + id);
    }
  }

  /** {@code lease grant TTL}: prints the new lease's id. */
  @Command(
      name = "grant",
      mixinStandardHelpOptions = true,
      description = "Grants a lease of TTL (seconds, or a duration: 5s, 1500ms, 2m; 1 s to 1 day) and prints its id.")
  public static final class Grant extends ClientCommand {
    @Parameters(index = "0", paramLabel = "TTL", converter = DurationConverter.class, description = "The TTL.")
    Duration ttl;

    @Override
    int run(PopClient client, Printer printer, GlobalOptions options) {
      PrimitivePrinter.of(options.output(), root().out()).leaseGranted(client.leases().grant(ttl));
      return 0;
    }
  }

  /**
   * {@code lease keepalive ID [--once]}: one keepalive, or keeps the lease alive until SIGINT/SIGTERM (exit 0, the
   * lease then ends at its TTL) or until it is lost (exit 3 if it no longer exists, 4 if no keepalive was
   * acknowledged within the TTL).
   */
  @Command(
      name = "keepalive",
      mixinStandardHelpOptions = true,
      description = {
        "Keeps lease ID alive, printing each acknowledged keepalive, until interrupted (Ctrl-C or SIGTERM: exit 0;"
            + " the lease then ends after its TTL) or until the lease is lost (exit 3: it no longer exists;"
            + " exit 4: no keepalive was acknowledged within the TTL).",
        "With --once, sends one keepalive and exits."
      })
  public static final class KeepAlive extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The lease id.")
    long id;

    @Option(names = "--once", description = "Send one keepalive and exit.")
    boolean once;

    @Override
    void validate() {
      requirePositive(this, "ID", id);
    }

    @Override
    int run(PopClient client, Printer printer, GlobalOptions options) {
      PrimitivePrinter out = PrimitivePrinter.of(options.output(), root().out());
      if (once) {
        out.leaseKeptAlive(client.leases().keepAlive(id));
        return 0;
      }
      AtomicReference<LeaseLost> lost = new AtomicReference<>();
      try (StopSignal stop = StopSignal.open()) {
        LeaseKeeper keeper = client.leases().keep(id, new LeaseKeeper.Listener() {
          @Override
          public void onLost(LeaseLost l) {
            lost.set(l);
            stop.stop("lost");
          }

          @Override
          public void onKeptAlive(Lease lease) {
            out.leaseKeptAlive(lease);
          }
        });
        try {
          while (!stop.await(1_000)) {
            // hold
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          keeper.close();
        }
      }
      LeaseLost l = lost.get();
      if (l != null) {
        throw new CommandFailure(l.reason() == LeaseLost.Reason.NOT_FOUND ? ErrorCode.NOT_FOUND
            : ErrorCode.UNAVAILABLE, l.message());
      }
      return 0;
    }
  }

  /** {@code lease revoke ID}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Ends lease ID now: deletes its keys and releases its locks.")
  public static final class Revoke extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The lease id.")
    long id;

    @Override
    void validate() {
      requirePositive(this, "ID", id);
    }

    @Override
    int run(PopClient client, Printer printer, GlobalOptions options) {
      PrimitivePrinter.of(options.output(), root().out()).leaseRevoked(id, client.leases().revoke(id));
      return 0;
    }
  }

  /** {@code lease ttl ID [--keys]}. */
  @Command(
      name = "ttl",
      mixinStandardHelpOptions = true,
      description = "Shows lease ID's TTL and remaining time (the leader's estimate), and with --keys its keys.")
  public static final class TimeToLive extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The lease id.")
    long id;

    @Option(names = "--keys", description = "Also list the keys attached to the lease.")
    boolean keys;

    @Override
    void validate() {
      requirePositive(this, "ID", id);
    }

    @Override
    int run(PopClient client, Printer printer, GlobalOptions options) {
      PrimitivePrinter.of(options.output(), root().out()).leaseTimeToLive(client.leases().timeToLive(id, keys));
      return 0;
    }
  }
}
