package dev.pop.client.lease;

import java.time.Duration;

/**
 * A lease as granted or last kept alive.
 *
 * @param id the lease id (> 0); attach keys with {@code PutOptions.lease(id)}, hold locks with it
 * @param ttl how long the lease lives after its last grant or keepalive, as measured by the leader
 */
public record Lease(long id, Duration ttl) {
}
