package dev.pop.client.internal;

import dev.pop.client.ErrorCode;

/**
 * What one failed attempt means.
 *
 * @param kind whether it may be retried and whether it may have been applied
 * @param code for {@link Kind#REFUSED}: the error to report; otherwise UNAVAILABLE
 * @param reason one line, for messages (e.g. "connection refused", "not the leader")
 */
public record Failure(Kind kind, ErrorCode code, String reason) {
  /** How a failed attempt ends. */
  public enum Kind {
    /** Refused before the log with a definite, non-retryable error ({@link #code()}); not applied. */
    REFUSED,
    /** Definitely not applied (no leader, not the leader, connection refused, refused for lack of quorum); retry. */
    NOT_APPLIED,
    /** May have reached a leader (timeout after send, stream reset, unknown I/O error); retry with the same id. */
    MAYBE_APPLIED,
    /** The client was closed; not retried. */
    CLOSED
  }

  public static Failure refused(ErrorCode code, String reason) {
    return new Failure(Kind.REFUSED, code, reason);
  }

  public static Failure notApplied(String reason) {
    return new Failure(Kind.NOT_APPLIED, ErrorCode.UNAVAILABLE, reason);
  }

  public static Failure maybeApplied(String reason) {
    return new Failure(Kind.MAYBE_APPLIED, ErrorCode.UNAVAILABLE, reason);
  }

  public boolean retryable() {
    return kind == Kind.NOT_APPLIED || kind == Kind.MAYBE_APPLIED;
  }

  /** True if the attempt certainly changed nothing. */
  public boolean definitelyNotApplied() {
    return kind == Kind.REFUSED || kind == Kind.NOT_APPLIED;
  }
}
