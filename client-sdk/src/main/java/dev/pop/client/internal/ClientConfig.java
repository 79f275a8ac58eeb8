package dev.pop.client.internal;

import dev.pop.client.InvalidArgumentException;
import java.time.Duration;
import java.util.List;

/** The validated, immutable settings of one {@code PopClient}. */
public record ClientConfig(List<HostPort> endpoints, Duration timeout, int maxBatchOps, int maxBatchBytes,
    int maxInFlightBatches, Duration linger) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_BATCH_OPS = 128;
  public static final int DEFAULT_MAX_BATCH_BYTES = 1 << 20;
  /** Batches of one kind a client keeps in flight (more calls wait and form the next batch). */
  public static final int DEFAULT_MAX_IN_FLIGHT_BATCHES = Integer.getInteger("pop.client.maxInFlightBatches", 2);
  /** The server's request limit (SPEC section 3): no message the SDK sends may be larger. */
  public static final int SERVER_REQUEST_LIMIT_BYTES = 1536 * 1024;
  /** Room left under the server limit for the envelope (client id, request id, Ratis framing). */
  public static final int ENVELOPE_HEADROOM_BYTES = 1024;
  public static final int MAX_BATCH_BYTES_LIMIT = SERVER_REQUEST_LIMIT_BYTES - ENVELOPE_HEADROOM_BYTES;
  static final int MAX_BATCH_OPS_LIMIT = 10_000;
  static final int MAX_IN_FLIGHT_LIMIT = 1024;
  static final Duration MAX_LINGER = Duration.ofSeconds(1);

  public ClientConfig {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new InvalidArgumentException("endpoints: at least one host:port is needed");
    }
    checkTimeout(timeout);
    checkMaxBatchOps(maxBatchOps);
    checkMaxBatchBytes(maxBatchBytes);
    checkMaxInFlightBatches(maxInFlightBatches);
    checkLinger(linger);
  }

  /**
   * Longest per-call deadline. Retries of a write are deduplicated by the server's session table, which forgets
   * an idle client after 15 minutes of leader time; a deadline well inside that keeps every retry exactly-once.
   */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  public static Duration checkTimeout(Duration d) {
    if (d == null || d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
      throw new InvalidArgumentException("timeout: must be > 0 and at most " + MAX_TIMEOUT.toMinutes()
          + " minutes (the server's exactly-once window), got " + d);
    }
    return d;
  }

  public static int checkMaxBatchOps(int n) {
    if (n < 1 || n > MAX_BATCH_OPS_LIMIT) {
      throw new InvalidArgumentException("maxBatchOps: must be in 1.." + MAX_BATCH_OPS_LIMIT + ", got " + n);
    }
    return n;
  }

  public static int checkMaxBatchBytes(int n) {
    if (n < 1 || n > MAX_BATCH_BYTES_LIMIT) {
      throw new InvalidArgumentException("maxBatchBytes: must be in 1.." + MAX_BATCH_BYTES_LIMIT
          + " (the server's request limit of " + SERVER_REQUEST_LIMIT_BYTES + " bytes less envelope), got " + n);
    }
    return n;
  }

  public static int checkMaxInFlightBatches(int n) {
    if (n < 1 || n > MAX_IN_FLIGHT_LIMIT) {
      throw new InvalidArgumentException("maxInFlightBatches: must be in 1.." + MAX_IN_FLIGHT_LIMIT + ", got " + n);
    }
    return n;
  }

  public static Duration checkLinger(Duration d) {
    if (d == null || d.isNegative() || d.compareTo(MAX_LINGER) > 0) {
      throw new InvalidArgumentException("linger: must be in 0.." + MAX_LINGER.toMillis() + " ms, got " + d);
    }
    return d;
  }

  /** Default settings for the given endpoints (tests, embedded use). */
  public static ClientConfig defaults(List<HostPort> endpoints) {
    return new ClientConfig(endpoints, DEFAULT_TIMEOUT, DEFAULT_MAX_BATCH_OPS, DEFAULT_MAX_BATCH_BYTES,
        DEFAULT_MAX_IN_FLIGHT_BATCHES, Duration.ZERO);
  }

  /** Timeout of one Ratis attempt: short enough to leave room for retries to another member within the deadline. */
  public Duration attemptTimeout() {
    long ms = Math.max(250, Math.min(3000, timeout.toMillis() / 3));
    return Duration.ofMillis(ms);
  }

  /** Timeout of one status or discovery probe of one member. */
  public Duration probeTimeout() {
    long ms = Math.max(200, Math.min(1000, timeout.toMillis() / 4));
    return Duration.ofMillis(ms);
  }
}
