package dev.pop.client.lease;

/**
 * Result of revoking a lease: the lease is gone, its keys are deleted (in one revision) and its locks released.
 *
 * @param deleted number of keys deleted with the lease
 * @param revision the revision of that deletion (the unchanged store revision if the lease had no keys)
 */
public record LeaseRevoked(long deleted, long revision) {
}
