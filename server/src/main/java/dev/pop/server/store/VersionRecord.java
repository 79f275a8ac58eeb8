package dev.pop.server.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.pop.proto.KeyValue;

/**
 * The stored form of one version of a key, used both for the current state and for history:
 * {@code [flags:1][createRevision:8][modRevision:8][version:8][lease:8][value...]}. A tombstone (flag bit 0)
 * records a deletion at {@code modRevision} and has no value.
 *
 * <p>Static accessors read fields straight from the bytes, so the write path decodes only what it needs.
 */
final class VersionRecord {
  static final int HEADER_BYTES = 33;
  private static final byte TOMBSTONE = 1;

  private VersionRecord() {}

  static byte[] live(long createRevision, long modRevision, long version, long lease, ByteString value) {
    byte[] out = new byte[HEADER_BYTES + value.size()];
    KeySpace.putLong(out, 1, createRevision);
    KeySpace.putLong(out, 9, modRevision);
    KeySpace.putLong(out, 17, version);
    KeySpace.putLong(out, 25, lease);
    value.copyTo(out, HEADER_BYTES);
    return out;
  }

  static byte[] tombstone(long modRevision) {
    byte[] out = new byte[HEADER_BYTES];
    out[0] = TOMBSTONE;
    KeySpace.putLong(out, 9, modRevision);
    return out;
  }

  static boolean isTombstone(byte[] record) {
    return (record[0] & TOMBSTONE) != 0;
  }

  static long createRevision(byte[] record) {
    return KeySpace.getLong(record, 1);
  }

  static long modRevision(byte[] record) {
    return KeySpace.getLong(record, 9);
  }

  static long version(byte[] record) {
    return KeySpace.getLong(record, 17);
  }

  static long lease(byte[] record) {
    return KeySpace.getLong(record, 25);
  }

  static int valueSize(byte[] record) {
    return record.length - HEADER_BYTES;
  }

  static KeyValue toKeyValue(ByteString key, byte[] record, boolean keysOnly) {
    KeyValue.Builder kv = KeyValue.newBuilder()
        .setKey(key)
        .setCreateRevision(createRevision(record))
        .setModRevision(modRevision(record))
        .setVersion(version(record))
        .setLease(lease(record));
    if (!keysOnly && valueSize(record) > 0) {
      // the record array is never reused, so the value can share it instead of copying
      kv.setValue(UnsafeByteOperations.unsafeWrap(record, HEADER_BYTES, valueSize(record)));
    }
    return kv.build();
  }
}
