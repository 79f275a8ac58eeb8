package dev.pop.client;

import dev.pop.client.lease.Lease;
import dev.pop.client.lease.LeaseKeeper;
import dev.pop.client.lease.LeaseRevoked;
import dev.pop.client.lease.LeaseTimeToLive;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Leases: a lease lives {@code ttl} after its last grant or keepalive as measured by the leader; only the leader
 * expires leases, through the Raft log, and a leader change never shortens one. Ending a lease (revoke or expiry)
 * deletes the keys attached to it and releases its locks and lock waits.
 *
 * <p>Keep a lease alive with {@link #keep} / {@link #grantAndKeep}, which also tell you, conservatively, when to
 * stop trusting it (see {@link LeaseKeeper}). {@link #keepAlive} is the single request they are made of.
 *
 * <p>Failures as in {@link Kv}; {@link NotFoundException} when the lease does not exist (any more);
 * {@link InvalidArgumentException} for a TTL outside [1 s, 1 day] or an id &lt;= 0. Grant, keepalive and revoke are
 * writes: retried within the deadline, applied at most once. {@link #timeToLive} is a linearizable read.
 */
public interface Leases {
  /** Grants a new lease; the server picks the id. TTL in [1 s, 1 day], whole milliseconds. */
  Lease grant(Duration ttl);

  CompletableFuture<Lease> grantAsync(Duration ttl);

  /** Restarts the lease's TTL count on the leader. */
  Lease keepAlive(long id);

  CompletableFuture<Lease> keepAliveAsync(long id);

  /** Ends the lease now: deletes its keys and releases its locks. */
  LeaseRevoked revoke(long id);

  CompletableFuture<LeaseRevoked> revokeAsync(long id);

  /** The lease's TTL and remaining time, and its keys when {@code keys}. */
  LeaseTimeToLive timeToLive(long id, boolean keys);

  /**
   * Starts keeping an existing lease alive. Sends one keepalive first, in the caller's thread, whose acknowledgement
   * sets the first local deadline.
   *
   * @throws NotFoundException if the lease does not exist
   * @throws PopException if that first keepalive fails (nothing is started)
   */
  LeaseKeeper keep(long id, LeaseKeeper.Listener listener);

  /**
   * Grants a lease and keeps it alive; the first local deadline is the grant's send time + TTL.
   *
   * @throws PopException if the grant fails (nothing is started)
   */
  LeaseKeeper grantAndKeep(Duration ttl, LeaseKeeper.Listener listener);
}
