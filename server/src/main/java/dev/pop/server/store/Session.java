package dev.pop.server.store;

import com.google.protobuf.ByteString;

/**
 * One client's exactly-once state, as stored under {@link KeySpace#session}:
 * {@code [lastSeenMs:8][indexedMs:8][ackBelow:8][evictedThrough:8][storedCount:8][minStored:8][maxStored:8]}.
 * The results themselves are separate keys ({@link KeySpace#result}), so looking one up never reads the others.
 */
final class Session {
  private static final int BYTES = 56;
  static final long NONE_STORED = Long.MAX_VALUE;
  static final long NOT_INDEXED = -1;

  final ByteString clientId;
  /** Leader time of the client's latest command; never goes backwards. */
  long lastSeenMs;
  /**
   * The time under which the session sits in the expiry index ({@link KeySpace#expiry}), at most
   * {@code lastSeenMs}; {@link #NOT_INDEXED} for a session not stored yet.
   */
  long indexedMs = NOT_INDEXED;
  /** The client's watermark: every request_id below it has been answered and its result forgotten. */
  long ackBelow;
  /** Highest request_id whose result was dropped by the per-client cap before it was acknowledged. */
  long evictedThrough;
  long storedCount;
  /** Smallest request_id with a stored result, {@link #NONE_STORED} if none. */
  long minStored = NONE_STORED;
  /** No stored result has a larger request_id: a new request above it needs no lookup. */
  long maxStored;

  Session(ByteString clientId) {
    this.clientId = clientId;
  }

  static Session decode(ByteString clientId, byte[] bytes) {
    Session s = new Session(clientId);
    s.lastSeenMs = KeySpace.getLong(bytes, 0);
    s.indexedMs = KeySpace.getLong(bytes, 8);
    s.ackBelow = KeySpace.getLong(bytes, 16);
    s.evictedThrough = KeySpace.getLong(bytes, 24);
    s.storedCount = KeySpace.getLong(bytes, 32);
    s.minStored = KeySpace.getLong(bytes, 40);
    s.maxStored = KeySpace.getLong(bytes, 48);
    return s;
  }

  byte[] encode() {
    byte[] out = new byte[BYTES];
    KeySpace.putLong(out, 0, lastSeenMs);
    KeySpace.putLong(out, 8, indexedMs);
    KeySpace.putLong(out, 16, ackBelow);
    KeySpace.putLong(out, 24, evictedThrough);
    KeySpace.putLong(out, 32, storedCount);
    KeySpace.putLong(out, 40, minStored);
    KeySpace.putLong(out, 48, maxStored);
    return out;
  }
}
