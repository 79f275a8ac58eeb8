package dev.pop.server.lease;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which leases the leader may expire now. Pure: no clock of its own, no state.
 *
 * <p>The rule: a lease is due when {@code now - max(refreshedAt, leaderSince) > ttl}, every time on the leader's
 * own monotonic clock. {@code refreshedAt} is when this member applied the lease's last grant or keepalive;
 * {@code leaderSince} is when it became leader (ready). Hence:
 * <ul>
 *   <li>no wall clock is compared across members, so a skewed or stepped clock cannot expire a lease early;
 *   <li>a leader change never shortens a lease: the new leader gives every lease a full TTL from its promotion
 *       (etcd's lease promote);
 *   <li>a client that counts from the send time of its last acknowledged keepalive (deadline = send + TTL) gives
 *       up first: whichever member expires the lease applied that keepalive, or became leader, after it was sent.
 * </ul>
 * {@code System.nanoTime} values may wrap, so they are only ever subtracted.
 */
public final class ExpiryPlanner {
  private ExpiryPlanner() {}

  /** The start of the lease's current TTL on the leader: the later of its last local refresh and the promotion. */
  public static long countedFrom(LeaseTiming lease, long leaderSinceNanos) {
    return lease.refreshedAtNanos() - leaderSinceNanos > 0 ? lease.refreshedAtNanos() : leaderSinceNanos;
  }

  /** True if the leader may propose the lease's expiry at {@code nowNanos}. */
  public static boolean due(LeaseTiming lease, long nowNanos, long leaderSinceNanos) {
    return nowNanos - countedFrom(lease, leaderSinceNanos) > lease.ttlMs() * 1_000_000L;
  }

  /** Nanoseconds until the lease is due (0 if it is), by the same rule. */
  public static long remainingNanos(LeaseTiming lease, long nowNanos, long leaderSinceNanos) {
    long left = lease.ttlMs() * 1_000_000L - (nowNanos - countedFrom(lease, leaderSinceNanos));
    return Math.max(0, left);
  }

  /** The due leases, longest overdue first, at most {@code limit}. */
  public static List<LeaseTiming> due(Collection<LeaseTiming> leases, long nowNanos, long leaderSinceNanos, int limit) {
    List<LeaseTiming> out = new ArrayList<>();
    for (LeaseTiming lease : leases) {
      if (due(lease, nowNanos, leaderSinceNanos)) {
        out.add(lease);
      }
    }
    // most overdue first (the most negative time left), then by id
    out.sort(Comparator.<LeaseTiming>comparingLong(l -> l.ttlMs() * 1_000_000L - (nowNanos - countedFrom(l, leaderSinceNanos)))
        .thenComparingLong(LeaseTiming::id));
    return out.size() > limit ? out.subList(0, limit) : out;
  }
}
