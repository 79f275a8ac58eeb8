package dev.pop.client.internal;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * The Resilience4j retry of a lane's batches: retry every retryable {@link AttemptException} (no leader yet, not the
 * leader, connection refused, timeouts...) with jittered exponential backoff from 50 ms to 500 ms; never retry a
 * definite refusal (INVALID_ARGUMENT, NOT_FOUND, CONFLICT, NO_SPACE, COMPACTED...). There is no attempt limit: the
 * batch's deadline ends the retrying (an attempt started after it fails at once, without being sent).
 */
public final class BatchRetry {
  public static final long INITIAL_BACKOFF_MS = 50;
  public static final long MAX_BACKOFF_MS = 500;

  private BatchRetry() {
  }

  public static Retry create(String name) {
    IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(INITIAL_BACKOFF_MS, 2.0, 0.5,
        MAX_BACKOFF_MS);
    RetryConfig config = RetryConfig.<BatchReply>custom()
        .maxAttempts(Integer.MAX_VALUE)
        .retryOnException(AttemptException::isRetryable)
        .intervalFunction(backoff)
        .failAfterMaxAttempts(false)
        .writableStackTraceEnabled(false)
        .build();
    return Retry.of(name, config);
  }
}
