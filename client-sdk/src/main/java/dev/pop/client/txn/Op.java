package dev.pop.client.txn;

import dev.pop.client.InvalidArgumentException;
import dev.pop.client.counter.Bounds;
import java.nio.charset.StandardCharsets;

/**
 * One request of a txn branch: put, delete, get or increment. Each sees the effects of the earlier requests of its
 * branch; all writes of a txn share one new revision. The factories copy their arrays; do not modify the arrays the
 * accessors return.
 */
public sealed interface Op permits Op.Put, Op.Delete, Op.Get, Op.Increment {

  static Put put(String key, String value) {
    return put(key, value, 0);
  }

  /** @param lease the lease to attach the key to, 0 for none */
  static Put put(String key, String value, long lease) {
    if (value == null) {
      throw new InvalidArgumentException("txn: put value must not be null");
    }
    return put(Cmp.utf8Key(key), value.getBytes(StandardCharsets.UTF_8), lease);
  }

  static Put put(byte[] key, byte[] value, long lease) {
    if (value == null) {
      throw new InvalidArgumentException("txn: put value must not be null (use an empty array)");
    }
    if (lease < 0) {
      throw new InvalidArgumentException("txn: put lease must be >= 0, got " + lease);
    }
    return new Put(Cmp.checkKey(key), value.clone(), lease);
  }

  static Delete delete(String key) {
    return delete(Cmp.utf8Key(key), false);
  }

  /** @param prefix delete every key that starts with {@code key} */
  static Delete delete(String key, boolean prefix) {
    return delete(Cmp.utf8Key(key), prefix);
  }

  static Delete delete(byte[] key, boolean prefix) {
    return new Delete(Cmp.checkKey(key), prefix);
  }

  static Get get(String key) {
    return get(Cmp.utf8Key(key), false);
  }

  /** @param prefix read every key that starts with {@code key} */
  static Get get(String key, boolean prefix) {
    return get(Cmp.utf8Key(key), prefix);
  }

  static Get get(byte[] key, boolean prefix) {
    return new Get(Cmp.checkKey(key), prefix);
  }

  static Increment increment(String key, long delta) {
    return increment(Cmp.utf8Key(key), delta, Bounds.NONE);
  }

  static Increment increment(String key, long delta, Bounds bounds) {
    return increment(Cmp.utf8Key(key), delta, bounds);
  }

  static Increment increment(byte[] key, long delta, Bounds bounds) {
    return new Increment(Cmp.checkKey(key), delta, bounds == null ? Bounds.NONE : bounds);
  }

  /** Put {@code value} under {@code key}, attached to {@code lease} (0: none). */
  record Put(byte[] key, byte[] value, long lease) implements Op {
    @Override
    public String toString() {
      return "put(" + new String(key, StandardCharsets.UTF_8) + ", " + value.length + " bytes, lease " + lease + ")";
    }
  }

  /** Delete {@code key}, or every key with that prefix. */
  record Delete(byte[] key, boolean prefix) implements Op {
    @Override
    public String toString() {
      return "delete(" + new String(key, StandardCharsets.UTF_8) + (prefix ? ", prefix)" : ")");
    }
  }

  /** Read {@code key}, or every key with that prefix. */
  record Get(byte[] key, boolean prefix) implements Op {
    @Override
    public String toString() {
      return "get(" + new String(key, StandardCharsets.UTF_8) + (prefix ? ", prefix)" : ")");
    }
  }

  /** Add {@code delta} to the counter at {@code key}; refused (the whole txn) if the result leaves the bounds. */
  record Increment(byte[] key, long delta, Bounds bounds) implements Op {
    @Override
    public String toString() {
      return "increment(" + new String(key, StandardCharsets.UTF_8) + ", " + delta + ", " + bounds + ")";
    }
  }
}
