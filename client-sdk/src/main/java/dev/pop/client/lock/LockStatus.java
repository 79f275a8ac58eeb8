package dev.pop.client.lock;

/**
 * A lock's holder and queue, from a linearizable read.
 *
 * @param name the lock name
 * @param held whether the lock has a holder now
 * @param fence the holder's fence; 0 when free (or never used)
 * @param leaseId the holder's lease; 0 when free
 * @param waiters number of waiters queued behind the holder
 */
public record LockStatus(String name, boolean held, long fence, long leaseId, long waiters) {
}
