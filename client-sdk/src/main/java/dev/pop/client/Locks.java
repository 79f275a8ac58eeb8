package dev.pop.client;

import dev.pop.client.lock.LockGrant;
import dev.pop.client.lock.LockStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Fenced FIFO locks. Each lock name has a queue of waiters, each bound to a lease; the head holds the lock. A waiter
 * is granted the lock only if its lease is alive at that moment, and the holder's lease ending releases it. Every
 * hold gets a fence token that strictly increases per name across holders, restarts and leader changes and is never
 * reused: a lock alone cannot stop a paused holder from acting after it lost the lock, so pass the fence on —
 * {@code Cmp.lockHeld(name, fence)} in a {@link Txn} for POP's own keys, and a {@link FenceGuard} in any external
 * resource.
 *
 * <p>{@link #lock} enqueues with one write, then waits with linearizable lock-wait reads (each parked on the
 * leader for up to 2 s and answered the moment the lock is granted: no polling), and on giving up leaves the queue.
 * A lease has at most one place per name, so calling {@code lock} again with the same lease (e.g. after an unknown
 * outcome) returns the same place. Lock names are UTF-8, 1 byte to 4 KiB.
 *
 * <p>Failures as in {@link Kv}; {@link NotFoundException} if the lease does not exist (or ended while waiting);
 * {@link LockNotAcquiredException} (a {@link ConflictException}) when the wait ran out;
 * {@link ConflictException} for an unlock with a stale fence.
 */
public interface Locks {
  /** No time limit for {@link #lock}: wait until granted, or until the lease ends. */
  Duration WAIT_FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

  /**
   * Acquires lock {@code name} for lease {@code leaseId}, waiting at most {@code wait} (zero: try once).
   *
   * @throws LockNotAcquiredException if not granted in time; the caller then does not hold the lock
   * @throws NotFoundException if the lease does not exist or ended while waiting
   * @throws UnknownOutcomeException if the enqueue's outcome is unknown: the lease may hold or wait for the lock;
   *     calling lock again with it returns that place, revoking it ends it
   */
  LockGrant lock(String name, long leaseId, Duration wait);

  /** Async twin of {@link #lock}. Cancelling the future gives up (the SDK leaves the queue). */
  CompletableFuture<LockGrant> lockAsync(String name, long leaseId, Duration wait);

  /** One attempt, no queueing: the grant, or empty if the lock is held by another lease. */
  Optional<LockGrant> tryLock(String name, long leaseId);

  /**
   * Releases the lock held with {@code fence}; the next live waiter gets it.
   *
   * @throws ConflictException if the lock is not held with that fence (the fence is stale: the lock already passed on)
   * @throws NotFoundException if the lock name was never used
   */
  void unlock(String name, long fence);

  /** Async twin of {@link #unlock}. */
  CompletableFuture<Void> unlockAsync(String name, long fence);

  /** The lock's holder and queue (linearizable read). A never used name reads as free. */
  LockStatus lockStatus(String name);

  /**
   * Runs {@code body} holding the lock: grants a lease of {@code ttl}, keeps it alive with a
   * {@link dev.pop.client.lease.LeaseKeeper}, locks (waiting at most {@code wait}), runs the body, then unlocks and
   * revokes the lease — also when the body throws.
   *
   * <p>If the lease is lost while the body runs, the thread running it is interrupted and, once the body returns,
   * {@link UnavailableException} is thrown even if the body completed: its work may have overlapped the next
   * holder's. Fence what the body writes.
   *
   * @throws LockNotAcquiredException if not granted within {@code wait} (the body did not run)
   */
  <T> T withLock(String name, Duration ttl, Duration wait, Function<LockGrant, T> body);
}
