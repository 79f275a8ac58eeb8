package dev.pop.server.lease;

import dev.pop.proto.Command;
import dev.pop.proto.LeaseExpireRequest;
import dev.pop.proto.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The leader's lease reaper (etcd's {@code revokeExpiredLeases}): every {@link #PERIOD_MS} while this member is
 * leader, asks {@link ExpiryPlanner} which leases are due on this member's {@link LeaseClock} and proposes their
 * expiry through the log as one internal Command of {@link LeaseExpireRequest}s (at most {@link #MAX_PER_ENTRY}),
 * each carrying the refresh index it saw, so a keepalive committed in between wins.
 *
 * <p>The adapter calls {@link #start} when Ratis reports the leader ready and {@link #stop} when it is not leader
 * any more. A lease proposed once is not proposed again until that proposal is answered (or
 * {@link #RETRY_AFTER_MS} passed); once applied, the lease has left the clock, or was refreshed.
 */
public final class LeaseExpiryTask implements AutoCloseable {
  public static final long PERIOD_MS = 100;
  static final int MAX_PER_ENTRY = 64;
  static final long RETRY_AFTER_MS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(LeaseExpiryTask.class);

  /** Submits an internal Command to the log through this member (Ratis, as the leader). */
  @FunctionalInterface
  public interface Proposer {
    CompletableFuture<?> propose(Command internal);
  }

  private final Supplier<LeaseClock> clock;
  private final Proposer proposer;
  private final LongSupplier nanoTime;
  private final ScheduledThreadPoolExecutor executor;
  /** Lease id → when its expiry was proposed (nanos); removed when the proposal is answered. */
  private final Map<Long, Long> inFlight = new ConcurrentHashMap<>();
  private volatile boolean leader;
  private volatile long leaderSinceNanos;
  private ScheduledFuture<?> ticking;

  /**
   * @param clock this member's current lease clock (the store's; it changes when the store is reopened; null
   *     before the store opens)
   */
  public LeaseExpiryTask(Supplier<LeaseClock> clock, Proposer proposer) {
    this(clock, proposer, System::nanoTime);
  }

  LeaseExpiryTask(Supplier<LeaseClock> clock, Proposer proposer, LongSupplier nanoTime) {
    this.clock = clock;
    this.proposer = proposer;
    this.nanoTime = nanoTime;
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "pop-lease-expiry");
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
  }

  /** This member became leader (ready) at {@code leaderSinceNanos}: every lease gets a full TTL from then. */
  public synchronized void start(long leaderSinceNanos) {
    this.leaderSinceNanos = leaderSinceNanos;
    leader = true;
    inFlight.clear();
    LeaseClock c = clock.get();
    if (c != null) {
      c.leaderSince(leaderSinceNanos);
    }
    if (ticking == null && !executor.isShutdown()) {
      ticking = executor.scheduleWithFixedDelay(this::tickSafely, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }
    LOG.info("lease expiry started: {} leases get a full TTL from now", c == null ? 0 : c.size());
  }

  /** This member is not leader (any more): propose nothing. Idempotent. */
  public synchronized void stop() {
    boolean was = leader;
    leader = false;
    if (ticking != null) {
      ticking.cancel(false);
      ticking = null;
    }
    LeaseClock c = clock.get();
    if (c != null) {
      c.notLeader();
    }
    inFlight.clear();
    if (was) {
      LOG.info("lease expiry stopped");
    }
  }

  public boolean running() {
    return leader;
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("lease expiry round failed; trying again in {} ms", PERIOD_MS, e);
    }
  }

  /** One round; returns how many expiries it proposed. */
  int tick() {
    if (!leader) {
      return 0;
    }
    LeaseClock c = clock.get();
    if (c == null) {
      return 0;
    }
    long since = leaderSinceNanos;
    c.leaderSince(since); // a reopened store starts a new clock
    long now = nanoTime.getAsLong();
    List<LeaseTiming> proposed = new ArrayList<>();
    for (LeaseTiming lease : ExpiryPlanner.due(c.timings(), now, since, Integer.MAX_VALUE)) {
      Long at = inFlight.get(lease.id());
      if (at != null && now - at < RETRY_AFTER_MS * 1_000_000L) {
        continue;
      }
      proposed.add(lease);
      if (proposed.size() == MAX_PER_ENTRY) {
        break;
      }
    }
    if (proposed.isEmpty()) {
      return 0;
    }
    Command.Builder command = Command.newBuilder();
    for (LeaseTiming lease : proposed) {
      inFlight.put(lease.id(), now);
      command.addRequests(Request.newBuilder().setLeaseExpire(
          LeaseExpireRequest.newBuilder().setId(lease.id()).setRefreshIndex(lease.refreshIndex())));
    }
    CompletableFuture<?> reply;
    try {
      reply = proposer.propose(command.build());
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.whenComplete((r, e) -> {
      for (LeaseTiming lease : proposed) {
        inFlight.remove(lease.id(), now);
      }
      if (e != null) {
        LOG.debug("proposing the expiry of {} leases failed: {}", proposed.size(), e.toString());
      }
    });
    return proposed.size();
  }

  /** Leases whose proposed expiry is not answered yet. */
  int inFlight() {
    return inFlight.size();
  }

  @Override
  public void close() {
    stop();
    executor.shutdownNow();
  }
}
