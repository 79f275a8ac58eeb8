package dev.pop.client.internal;

/** One failed attempt of a batch, with what it means; Resilience4j retries on it when the failure is retryable. */
public final class AttemptException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Failure failure;

  public AttemptException(Failure failure, Throwable cause) {
    super(failure.reason(), cause, false, false);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }

  /** Resilience4j's retry predicate. */
  public static boolean isRetryable(Throwable t) {
    return t instanceof AttemptException a && a.failure.retryable();
  }
}
