package dev.pop.server.store;

/**
 * The store's bookkeeping, persisted under {@link KeySpace#META_KEY} in the same WriteBatch as the state it
 * describes. The apply thread mutates a private copy and publishes it only after the batch is written, so readers
 * of the published copy never see a state that is not on disk yet.
 *
 * <p>{@code logicalSize} is the quota's measure: the bytes of user keys and values in the current state plus the
 * retained history (a tombstone counts its key). It is computed from the log alone, so it is identical on every
 * member, unlike the size of the files on disk. Lease and lock records are not counted.
 *
 * <p>Format 2 added {@code nextLeaseId}, {@code leaseCount} and {@code heldLocks}; a format 1 record reads them as 0.
 */
final class Meta {
  private static final byte FORMAT = 2;
  private static final int FORMAT_1_BYTES = 1 + 6 * 8;
  private static final int BYTES = 1 + 9 * 8;

  long appliedIndex;
  long appliedTerm;
  long revision;
  long compactRevision;
  long keyCount;
  long logicalSize;
  /** Lower bound of the id the server assigns to the next lease granted with id 0 (ids below are taken or were). */
  long nextLeaseId;
  long leaseCount;
  long heldLocks;

  Meta copy() {
    Meta m = new Meta();
    m.appliedIndex = appliedIndex;
    m.appliedTerm = appliedTerm;
    m.revision = revision;
    m.compactRevision = compactRevision;
    m.keyCount = keyCount;
    m.logicalSize = logicalSize;
    m.nextLeaseId = nextLeaseId;
    m.leaseCount = leaseCount;
    m.heldLocks = heldLocks;
    return m;
  }

  byte[] encode() {
    byte[] out = new byte[BYTES];
    out[0] = FORMAT;
    KeySpace.putLong(out, 1, appliedIndex);
    KeySpace.putLong(out, 9, appliedTerm);
    KeySpace.putLong(out, 17, revision);
    KeySpace.putLong(out, 25, compactRevision);
    KeySpace.putLong(out, 33, keyCount);
    KeySpace.putLong(out, 41, logicalSize);
    KeySpace.putLong(out, 49, nextLeaseId);
    KeySpace.putLong(out, 57, leaseCount);
    KeySpace.putLong(out, 65, heldLocks);
    return out;
  }

  /** Decodes a stored record; {@code null} (a new store) gives all zeros. */
  static Meta decode(byte[] bytes) {
    Meta m = new Meta();
    if (bytes == null) {
      return m;
    }
    boolean format1 = bytes.length == FORMAT_1_BYTES && bytes[0] == 1;
    if (!format1 && (bytes.length != BYTES || bytes[0] != FORMAT)) {
      throw new IllegalStateException("unknown store meta format " + bytes[0] + " (" + bytes.length + " bytes)");
    }
    m.appliedIndex = KeySpace.getLong(bytes, 1);
    m.appliedTerm = KeySpace.getLong(bytes, 9);
    m.revision = KeySpace.getLong(bytes, 17);
    m.compactRevision = KeySpace.getLong(bytes, 25);
    m.keyCount = KeySpace.getLong(bytes, 33);
    m.logicalSize = KeySpace.getLong(bytes, 41);
    if (!format1) {
      m.nextLeaseId = KeySpace.getLong(bytes, 49);
      m.leaseCount = KeySpace.getLong(bytes, 57);
      m.heldLocks = KeySpace.getLong(bytes, 65);
    }
    return m;
  }
}
