package dev.pop.client.lock;

/**
 * A held lock.
 *
 * @param name the lock name
 * @param fence the fence token of this hold: strictly greater than every earlier holder's fence of the same name,
 *     across restarts and leader changes, never reused. Pass it to {@code Cmp.lockHeld(name, fence)} to fence POP
 *     writes, and to every external resource you touch (see {@code FenceGuard}), which must reject lower fences.
 * @param leaseId the lease the lock is held under; the lock ends with it
 */
public record LockGrant(String name, long fence, long leaseId) {
}
