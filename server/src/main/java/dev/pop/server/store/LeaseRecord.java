package dev.pop.server.store;

/**
 * One lease, as stored under {@link KeySpace#lease}: {@code [ttlMs:8][refreshIndex:8][grantedMs:8][refreshedMs:8]}.
 * The refresh index (log index of the last grant or keepalive) is what an expiry must match. The leader times
 * are informational only: expiry never compares wall clocks across members (see {@code lease.ExpiryPlanner}).
 */
final class LeaseRecord {
  private static final int BYTES = 32;

  final long ttlMs;
  final long refreshIndex;
  final long grantedMs;
  final long refreshedMs;

  LeaseRecord(long ttlMs, long refreshIndex, long grantedMs, long refreshedMs) {
    this.ttlMs = ttlMs;
    this.refreshIndex = refreshIndex;
    this.grantedMs = grantedMs;
    this.refreshedMs = refreshedMs;
  }

  LeaseRecord refreshed(long index, long leaderTimeMs) {
    return new LeaseRecord(ttlMs, index, grantedMs, leaderTimeMs);
  }

  static LeaseRecord decode(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalStateException("corrupt lease record of " + bytes.length + " bytes");
    }
    return new LeaseRecord(KeySpace.getLong(bytes, 0), KeySpace.getLong(bytes, 8), KeySpace.getLong(bytes, 16),
        KeySpace.getLong(bytes, 24));
  }

  byte[] encode() {
    byte[] out = new byte[BYTES];
    KeySpace.putLong(out, 0, ttlMs);
    KeySpace.putLong(out, 8, refreshIndex);
    KeySpace.putLong(out, 16, grantedMs);
    KeySpace.putLong(out, 24, refreshedMs);
    return out;
  }
}
