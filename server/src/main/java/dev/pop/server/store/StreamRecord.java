package dev.pop.server.store;

import com.google.protobuf.ByteString;

/**
 * Codecs of a log stream's records: its meta ({@code first_seq}, {@code last_seq}: 16 bytes) and each entry
 * ({@code time_ms : 8} then the data). A stream whose entries were all trimmed keeps its meta, so seqs never restart.
 */
final class StreamRecord {
  static final int ENTRY_HEADER_BYTES = 8;

  private StreamRecord() {}

  /** The first kept seq (1 + last trimmed) and the last appended seq (0 before the first append). */
  record Meta(long firstSeq, long lastSeq) {
    byte[] encode() {
      byte[] out = new byte[16];
      KeySpace.putLong(out, 0, firstSeq);
      KeySpace.putLong(out, 8, lastSeq);
      return out;
    }

    static Meta decode(byte[] bytes) {
      return new Meta(KeySpace.getLong(bytes, 0), KeySpace.getLong(bytes, 8));
    }

    /** Entries kept now. */
    long kept() {
      return lastSeq - firstSeq + 1;
    }
  }

  static byte[] entry(long timeMs, ByteString data) {
    byte[] out = new byte[ENTRY_HEADER_BYTES + data.size()];
    KeySpace.putLong(out, 0, timeMs);
    data.copyTo(out, ENTRY_HEADER_BYTES);
    return out;
  }

  static long timeOf(byte[] entry) {
    return KeySpace.getLong(entry, 0);
  }

  static ByteString dataOf(byte[] entry) {
    return ByteString.copyFrom(entry, ENTRY_HEADER_BYTES, entry.length - ENTRY_HEADER_BYTES);
  }
}
