package dev.pop.server.apply;

/**
 * Whether a lease exists, asked when a put attaches a key to a lease. Leases are not implemented yet:
 * {@link #NONE} knows no lease, so every put with a lease is refused with NOT_FOUND. The lease table will
 * implement this (and attach the key) when leases arrive.
 */
@FunctionalInterface
public interface LeaseLookup {

  LeaseLookup NONE = leaseId -> false;

  boolean exists(long leaseId);
}
