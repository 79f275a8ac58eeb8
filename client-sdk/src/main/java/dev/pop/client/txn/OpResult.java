package dev.pop.client.txn;

import dev.pop.client.kv.KeyValue;
import java.util.List;
import java.util.Optional;

/** The result of one {@link Op} of the branch that ran, in the same order as the branch. */
public sealed interface OpResult permits OpResult.Put, OpResult.Delete, OpResult.Get, OpResult.Increment {

  /** @param revision the txn's revision */
  record Put(long revision) implements OpResult {
  }

  /**
   * @param deleted number of keys deleted
   * @param revision the txn's revision (the unchanged store revision if nothing was deleted)
   */
  record Delete(long deleted, long revision) implements OpResult {
  }

  /**
   * @param kvs the key-values found, in key order, as seen by this point of the branch
   * @param more true if a limit cut the result short
   * @param count number of keys in the range
   */
  record Get(List<KeyValue> kvs, boolean more, long count) implements OpResult {
    public Get {
      kvs = List.copyOf(kvs);
    }

    public Optional<KeyValue> first() {
      return kvs.isEmpty() ? Optional.empty() : Optional.of(kvs.get(0));
    }
  }

  /**
   * @param value the counter's value after the increment
   * @param revision the txn's revision
   */
  record Increment(long value, long revision) implements OpResult {
  }
}
