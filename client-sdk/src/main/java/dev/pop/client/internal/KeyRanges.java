package dev.pop.client.internal;

import java.util.Arrays;

/** etcd-style key ranges: a prefix is the range [prefix, prefixEnd(prefix)). */
public final class KeyRanges {
  /** {@code range_end} meaning "every key >= key". */
  public static final byte[] ALL_FROM_KEY = {0};

  private KeyRanges() {
  }

  /**
   * The smallest key greater than every key starting with {@code prefix}: the prefix with its last byte below 0xff
   * incremented and the rest dropped; {@link #ALL_FROM_KEY} when there is none (empty or all 0xff).
   */
  public static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xff) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return ALL_FROM_KEY.clone();
  }
}
