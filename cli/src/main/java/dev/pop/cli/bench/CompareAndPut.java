package dev.pop.cli.bench;

import dev.pop.client.PopClient;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.txn.Cmp;
import dev.pop.client.txn.Op;
import dev.pop.client.txn.OpResult;
import dev.pop.client.txn.TxnResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The {@code txn} workload's request: an optimistic compare-and-put, as a client of a read-modify-write loop
 * sends it. The run remembers the modRevision it last saw of each key; each txn compares the key's modRevision
 * with it and puts a new value if it holds, else reads the key (one round trip either way). A succeeded compare
 * teaches the txn's revision, a failed one the current modRevision from the read, so a key changed by another
 * client fails at most one compare per change.
 */
public final class CompareAndPut {

  /** The most keys whose modRevision a run can remember (8 bytes each). */
  public static final int MAX_KEYS = 10_000_000;

  private final AtomicLongArray modRevisions;

  CompareAndPut(int keys) {
    if (keys < 1 || keys > MAX_KEYS) {
      throw new IllegalArgumentException("txn keys must be between 1 and " + MAX_KEYS + ": " + keys);
    }
    modRevisions = new AtomicLongArray(keys);
  }

  /** Records that key {@code index} had {@code modRevision}; returns it. */
  long saw(int index, long modRevision) {
    modRevisions.accumulateAndGet(index, modRevision, Math::max);
    return modRevision;
  }

  /** Compare-and-put of key {@code index} (whose bytes are {@code key}) through {@code client}. */
  CompletableFuture<Outcome> send(PopClient client, int index, byte[] key, byte[] value) {
    long expected = modRevisions.get(index);
    return client.txn()
        .when(Cmp.number(key, Cmp.Target.MOD_REVISION).eq(expected))
        .then(Op.put(key, value, 0))
        .otherwise(Op.get(key, false))
        .commitAsync()
        .thenApply(result -> learn(index, result));
  }

  private Outcome learn(int index, TxnResult result) {
    if (result.succeeded()) {
      saw(index, result.revision());
      return Outcome.COMPARE_SUCCEEDED;
    }
    long current = result.results().isEmpty() || !(result.results().get(0) instanceof OpResult.Get get)
        ? 0
        : get.first().map(KeyValue::modRevision).orElse(0L);
    if (current == 0) {
      modRevisions.set(index, 0); // deleted meanwhile: the next compare expects it absent
    } else {
      saw(index, current);
    }
    return Outcome.COMPARE_FAILED;
  }
}
