package dev.pop.client.lease;

/**
 * Why a {@link LeaseKeeper} gave its lease up.
 *
 * @param leaseId the lease
 * @param reason what happened
 * @param message one line for people, naming the lease and the cause
 */
public record LeaseLost(long leaseId, Reason reason, String message) {
  /** What made the keeper give up. */
  public enum Reason {
    /**
     * The conservative local deadline passed (send time of the last acknowledged keepalive + TTL) without a newer
     * acknowledgement. The server may still hold the lease for a while, but can no longer be assumed to.
     */
    DEADLINE_PASSED,
    /** The server answered that the lease does not exist (any more): it expired or was revoked. */
    NOT_FOUND
  }
}
