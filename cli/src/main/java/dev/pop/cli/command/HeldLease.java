package dev.pop.cli.command;

import dev.pop.client.PopClient;
import dev.pop.client.PopException;
import dev.pop.client.lease.LeaseKeeper;
import dev.pop.client.lease.LeaseLost;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lease a holding command ({@code lock}, {@code elect}) runs under: granted and kept alive for the command's
 * life; its loss stops the command's {@link StopSignal} and runs {@code onLost} (e.g. killing a child process).
 * Closing revokes it, which also releases whatever it still holds.
 */
final class HeldLease implements AutoCloseable {
  private final PopClient client;
  private final LeaseKeeper keeper;
  private final AtomicReference<LeaseLost> lost = new AtomicReference<>();

  HeldLease(PopClient client, Duration ttl, StopSignal stop, Runnable onLost) {
    this.client = client;
    this.keeper = client.leases().grantAndKeep(ttl, l -> {
      lost.set(l);
      onLost.run();
      stop.stop("lease lost");
    });
  }

  long id() {
    return keeper.leaseId();
  }

  /** Why the lease was lost, or null while it is kept. */
  LeaseLost lost() {
    return lost.get();
  }

  /** Stops the keepalives and revokes the lease, waiting for the revoke (the process exits right after). */
  @Override
  public void close() {
    keeper.close();
    try {
      client.leases().revoke(keeper.leaseId());
    } catch (PopException e) {
      // already gone, or unreachable: the lease ends at its TTL
    }
  }
}
