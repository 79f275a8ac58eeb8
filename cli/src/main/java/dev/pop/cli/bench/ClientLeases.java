package dev.pop.cli.bench;

import dev.pop.client.Leases;
import dev.pop.client.Locks;
import dev.pop.client.PopClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One lease per logical client, for the {@code lock} and {@code lease-keepalive} workloads, and their requests.
 * The leases are granted before the run and revoked after it, both outside the measurement (revoking also ends
 * any lock hold or wait still pending). Their TTL covers the whole run ({@link #ttlFor}), so nothing but the
 * workload itself sends keepalives; if popctl dies, they expire by themselves. Logical client {@code i} uses
 * connection {@code i % conns}.
 */
public final class ClientLeases {

  /** Lock {@code n} of {@code --names} is {@code bench/lock-n}. */
  static final String LOCK_PREFIX = "bench/lock-";
  private static final Duration MARGIN = Duration.ofSeconds(30);
  private static final Duration MAX_TTL = Duration.ofDays(1);

  private final List<PopClient> conns;
  private final AtomicLongArray ids;
  private final Duration ttl;

  public ClientLeases(List<PopClient> conns, int clients, Duration ttl) {
    if (conns.isEmpty() || clients < 1) {
      throw new IllegalArgumentException("conns and clients");
    }
    this.conns = List.copyOf(conns);
    this.ids = new AtomicLongArray(clients);
    this.ttl = ttl;
  }

  /** The TTL of the leases of a run whose hard stop is {@code maxTime}: that plus 30 s, at most one day. */
  public static Duration ttlFor(Duration maxTime) {
    Duration ttl = maxTime.plus(MARGIN);
    return ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
  }

  /** Grants the leases, one per call, in client order. */
  public ClosedLoop.Request grant() {
    AtomicInteger next = new AtomicInteger();
    return ignored -> {
      int client = next.getAndIncrement();
      return leases(client).grantAsync(ttl).thenApply(lease -> {
        ids.set(client, lease.id());
        return lease;
      });
    };
  }

  /** Revokes the granted leases, one per call, in client order (a lease never granted is skipped). */
  public ClosedLoop.Request revoke() {
    AtomicInteger next = new AtomicInteger();
    return ignored -> {
      int client = next.getAndIncrement();
      long id = ids.get(client);
      return id == 0 ? CompletableFuture.completedFuture(null) : leases(client).revokeAsync(id);
    };
  }

  /** The lease-keepalive workload: a keepalive of the client's lease. */
  public ClosedLoop.Request keepAlives() {
    return client -> leases(client).keepAliveAsync(ids.get(client));
  }

  /**
   * The lock workload: acquire lock {@code client % names} with the client's lease (waiting as long as it takes:
   * the locks are FIFO), then release it with the fence granted. After an unknown outcome, the next cycle's
   * acquire finds the lease's place again (SDK contract), so a client never leaves a lock held for good.
   */
  public ClosedLoop.Request lockCycles(int names) {
    if (names < 1) {
      throw new IllegalArgumentException("names must be >= 1");
    }
    return client -> {
      String name = lockName(client % names);
      Locks locks = pop(client).locks();
      return locks.lockAsync(name, ids.get(client), Locks.WAIT_FOREVER)
          .thenCompose(grant -> locks.unlockAsync(name, grant.fence()));
    };
  }

  /** The name of lock {@code index}: {@code bench/lock-index}. */
  public static String lockName(int index) {
    return LOCK_PREFIX + index;
  }

  private PopClient pop(int client) {
    return conns.get(client % conns.size());
  }

  private Leases leases(int client) {
    return pop(client).leases();
  }
}
