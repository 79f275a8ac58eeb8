package dev.pop.cli.bench;

import dev.pop.client.Consistency;
import dev.pop.client.Kv;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.PutOptions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests of each workload. Keys are {@code bench/key-%08d} for indexes below {@code --keys}; values are
 * random bytes, cut at a random offset from a pool filled once (so making a value costs a copy, not a random
 * generator run per byte). Logical client {@code i} uses connection {@code i % conns}.
 */
public final class Requests {

  static final String KEY_PREFIX = "bench/key-";
  private static final int MIN_POOL_BYTES = 1 << 16;
  private static final GetOptions SERIALIZABLE =
      GetOptions.builder().consistency(Consistency.SERIALIZABLE).build();

  private final List<Kv> conns;
  private final int keys;
  private final int valueSize;
  private final byte[] pool;

  public Requests(List<Kv> conns, int keys, int valueSize) {
    if (conns.isEmpty() || keys < 1 || valueSize < 0) {
      throw new IllegalArgumentException("conns, keys and value size");
    }
    this.conns = List.copyOf(conns);
    this.keys = keys;
    this.valueSize = valueSize;
    this.pool = new byte[Math.max(MIN_POOL_BYTES, 2 * valueSize)];
    new SplittableRandom().nextBytes(pool);
  }

  /** The request {@code workload} sends: a random key, and for puts a random value. */
  public ClosedLoop.Request of(Workload workload) {
    return switch (workload) {
      case PUT -> client -> kv(client).putAsync(randomKey(), value(), PutOptions.DEFAULT);
      case GET -> client -> kv(client).getAsync(randomKey(), GetOptions.DEFAULT);
      case GET_SERIALIZABLE -> client -> kv(client).getAsync(randomKey(), SERIALIZABLE);
    };
  }

  /** Puts every key once, in order (each call takes the next key), for the reads to find. */
  public ClosedLoop.Request fill() {
    AtomicInteger nextKey = new AtomicInteger();
    return client -> kv(client).putAsync(key(nextKey.getAndIncrement() % keys), value(), PutOptions.DEFAULT);
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

  private Kv kv(int client) {
    return conns.get(client % conns.size());
  }

  private byte[] randomKey() {
    return key(ThreadLocalRandom.current().nextInt(keys));
  }

  private byte[] value() {
    Random random = ThreadLocalRandom.current();
    int offset = random.nextInt(pool.length - valueSize + 1);
    return Arrays.copyOfRange(pool, offset, offset + valueSize);
  }
}
