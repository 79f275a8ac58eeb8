package dev.pop.client;

/**
 * The error codes of POP's single error model (SPEC section 4), shared by the SDK, {@code popctl} and the HTTP API.
 */
public enum ErrorCode {
  /** Malformed or over-limit input; the message names the field and the limit. Never applied. */
  INVALID_ARGUMENT,
  /** The key, lease, lock, stream or member does not exist. */
  NOT_FOUND,
  /** No quorum / no leader reachable before the deadline. The request was <b>not</b> applied; retrying is safe. */
  UNAVAILABLE,
  /** The deadline passed after a write was sent: it may or may not have been applied. */
  UNKNOWN_OUTCOME,
  /** A compare failed, a fence is stale, an expected sequence did not match, or a counter bound was hit. */
  CONFLICT,
  /** The store quota is reached; only deletes and compaction are accepted. */
  NO_SPACE,
  /** Missing or wrong admin token. */
  UNAUTHORIZED,
  /** The requested revision is older than the compaction point. */
  COMPACTED,
  /** Anything else: a bug or a broken server. */
  INTERNAL
}
