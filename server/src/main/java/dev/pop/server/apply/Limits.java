package dev.pop.server.apply;

/**
 * Size limits enforced before the log ({@link RequestValidator}) and the store quota enforced when applying
 * ({@link QuotaApplier}). Every member of a cluster must use the same quota, or members would disagree about
 * which writes were refused.
 *
 * @param maxKeyBytes largest key (and range_end) in bytes
 * @param maxValueBytes largest value in bytes
 * @param maxRequestBytes largest serialized Command or Query
 * @param maxTxnOps most entries in one transaction, compares and the requests of both branches together
 * @param quotaBytes largest logical store size (keys and values of current state and retained history)
 */
public record Limits(int maxKeyBytes, int maxValueBytes, int maxRequestBytes, int maxTxnOps, long quotaBytes) {

  /** Shortest lease TTL a grant may ask for. */
  public static final long MIN_LEASE_TTL_MS = 1_000;
  /** Longest lease TTL a grant may ask for: one day. */
  public static final long MAX_LEASE_TTL_MS = 86_400_000;
  /** Longest a lock_wait read may wait before answering "not yet". */
  public static final long MAX_LOCK_WAIT_MS = 60_000;

  /** 4 KiB keys, 1 MiB values, 1.5 MiB requests, 128 txn ops, 2 GiB quota (SPEC section 3). */
  public static final Limits DEFAULT = new Limits(4096, 1 << 20, 3 << 19, 128, 2L << 30);

  public Limits {
    if (maxKeyBytes <= 0 || maxValueBytes < 0 || maxRequestBytes <= 0 || maxTxnOps <= 0 || quotaBytes <= 0) {
      throw new IllegalArgumentException("limits must be positive: maxKeyBytes=" + maxKeyBytes
          + " maxValueBytes=" + maxValueBytes + " maxRequestBytes=" + maxRequestBytes
          + " maxTxnOps=" + maxTxnOps + " quotaBytes=" + quotaBytes);
    }
  }

  public Limits withQuotaBytes(long quota) {
    return new Limits(maxKeyBytes, maxValueBytes, maxRequestBytes, maxTxnOps, quota);
  }
}
