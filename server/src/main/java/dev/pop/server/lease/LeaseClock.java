package dev.pop.server.lease;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This member's monotonic view of lease timing; in memory only, never replicated. The store tells it, after each
 * commit, which leases were refreshed (grant or keepalive) or ended, and it stamps each refresh with this
 * member's {@link System#nanoTime}. When a store opens (restart, snapshot install) every existing lease is
 * stamped with the opening time, which only ever makes the estimate later, never earlier.
 *
 * <p>The leader's expiry task reads it through {@link ExpiryPlanner}; {@code lease_time_to_live} reads
 * {@link #remainingMs}. Thread-safe: the apply thread writes, the task and queries read.
 */
public final class LeaseClock {
  private final Map<Long, LeaseTiming> leases = new ConcurrentHashMap<>();
  /** When this member became leader (ready); meaningful only while {@link #leader} is set. */
  private volatile long leaderSinceNanos;
  private volatile boolean leader;

  public void refreshed(long id, long ttlMs, long refreshIndex, long nowNanos) {
    leases.put(id, new LeaseTiming(id, ttlMs, refreshIndex, nowNanos));
  }

  public void ended(long id) {
    leases.remove(id);
  }

  public void clear() {
    leases.clear();
  }

  /** A copy of what is known, for planning. */
  public List<LeaseTiming> timings() {
    return List.copyOf(leases.values());
  }

  public int size() {
    return leases.size();
  }

  /** Marks this member as leader since {@code nanos} (from then on its estimates follow the leader's rule). */
  public void leaderSince(long nanos) {
    leaderSinceNanos = nanos;
    leader = true;
  }

  public void notLeader() {
    leader = false;
  }

  /**
   * This member's estimate of the time left before the lease may be expired: the leader's exact rule
   * ({@link ExpiryPlanner}) on the leader, time since the local apply of the last refresh elsewhere. Empty if the
   * lease is unknown here.
   */
  public OptionalLong remainingMs(long id, long nowNanos) {
    LeaseTiming t = leases.get(id);
    if (t == null) {
      return OptionalLong.empty();
    }
    long since = leader ? leaderSinceNanos : t.refreshedAtNanos();
    return OptionalLong.of(ExpiryPlanner.remainingNanos(t, nowNanos, since) / 1_000_000L);
  }
}
