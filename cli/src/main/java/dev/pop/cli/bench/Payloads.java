package dev.pop.cli.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The keys and values of a run: keys are {@code bench/key-%08d} for indexes below {@code keys}; values are random
 * bytes, cut at a random offset from a pool filled once (so making a value costs a copy, not a random generator
 * run per byte). Thread-safe. Shared by {@code popctl bench} and the comparison load generator, so that every
 * system gets the same requests.
 */
public final class Payloads {

  static final String KEY_PREFIX = "bench/key-";
  private static final int MIN_POOL_BYTES = 1 << 16;

  private final int keys;
  private final int valueSize;
  private final byte[] pool;

  public Payloads(int keys, int valueSize) {
    if (keys < 1 || valueSize < 0) {
      throw new IllegalArgumentException("keys and value size");
    }
    this.keys = keys;
    this.valueSize = valueSize;
    this.pool = new byte[Math.max(MIN_POOL_BYTES, 2 * valueSize)];
    new SplittableRandom().nextBytes(pool);
  }

  public int keys() {
    return keys;
  }

  /** A uniformly random key index below {@code keys}. */
  public int randomIndex() {
    return ThreadLocalRandom.current().nextInt(keys);
  }

  /** A fresh value of {@code valueSize} random bytes. */
  public byte[] value() {
    Random random = ThreadLocalRandom.current();
    int offset = random.nextInt(pool.length - valueSize + 1);
    return Arrays.copyOfRange(pool, offset, offset + valueSize);
  }

  /** {@code bench/key-} and the index, zero-padded to 8 digits. */
  public static byte[] key(int index) {
    String digits = Integer.toString(index);
    byte[] key = new byte[KEY_PREFIX.length() + Math.max(8, digits.length())];
    byte[] prefix = KEY_PREFIX.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(prefix, 0, key, 0, prefix.length);
    int pad = key.length - prefix.length - digits.length();
    Arrays.fill(key, prefix.length, prefix.length + pad, (byte) '0');
    for (int i = 0; i < digits.length(); i++) {
      key[prefix.length + pad + i] = (byte) digits.charAt(i);
    }
    return key;
  }
}
