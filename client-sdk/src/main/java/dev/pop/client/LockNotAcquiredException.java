package dev.pop.client;

/**
 * A lock was not acquired within the wait (or was held, for a try-lock): code {@link ErrorCode#CONFLICT}. The caller
 * does not hold the lock. When the caller had queued, the SDK gave up its place ({@link #leftQueue()} says whether
 * the server confirmed it; if not, the place ends with the lease at the latest, and a later grant to it would be
 * released by the lease's end or by calling {@code lock} again with the same lease, which returns that place).
 */
public class LockNotAcquiredException extends ConflictException {
  private static final long serialVersionUID = 1L;

  private final String lockName;
  private final boolean leftQueue;

  public LockNotAcquiredException(String lockName, boolean leftQueue, String message) {
    super(message);
    this.lockName = lockName;
    this.leftQueue = leftQueue;
  }

  public String lockName() {
    return lockName;
  }

  /** True if the caller never queued or the server confirmed that its place in the queue is gone. */
  public boolean leftQueue() {
    return leftQueue;
  }
}
