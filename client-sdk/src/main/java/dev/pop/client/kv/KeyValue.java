package dev.pop.client.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key with its value and metadata, as of the revision of the reply that carried it.
 * The arrays are not copied: do not modify them.
 *
 * @param key the key
 * @param value the value (empty for keys-only reads)
 * @param createRevision revision of the write that created the key (since its last deletion)
 * @param modRevision revision of the last write to the key
 * @param version number of writes since creation; 1 after the first put
 * @param lease lease the key is attached to, 0 for none
 */
public record KeyValue(byte[] key, byte[] value, long createRevision, long modRevision, long version, long lease) {
  public KeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  /** The key decoded as UTF-8. */
  public String keyUtf8() {
    return new String(key, StandardCharsets.UTF_8);
  }

  /** The value decoded as UTF-8. */
  public String valueUtf8() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyValue kv && Arrays.equals(key, kv.key) && Arrays.equals(value, kv.value)
        && createRevision == kv.createRevision && modRevision == kv.modRevision && version == kv.version
        && lease == kv.lease;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(key), Arrays.hashCode(value), createRevision, modRevision, version, lease);
  }

  @Override
  public String toString() {
    return "KeyValue[key=" + keyUtf8() + ", value=" + value.length + " bytes, createRevision=" + createRevision
        + ", modRevision=" + modRevision + ", version=" + version + ", lease=" + lease + "]";
  }
}
