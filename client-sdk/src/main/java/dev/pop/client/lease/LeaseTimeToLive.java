package dev.pop.client.lease;

import java.time.Duration;
import java.util.List;

/**
 * A lease's state as the answering member sees it.
 *
 * @param id the lease id
 * @param ttl the lease's TTL
 * @param remaining the answering member's estimate of the time left, on its own monotonic clock (exact for the
 *     leader's expiry policy when the leader answered, which is the default); a client must not extend its own
 *     deadline with it: use {@link LeaseKeeper} for that
 * @param keys the keys attached to the lease, when asked for; do not modify the arrays
 */
public record LeaseTimeToLive(long id, Duration ttl, Duration remaining, List<byte[]> keys) {
  public LeaseTimeToLive {
    keys = List.copyOf(keys);
  }
}
