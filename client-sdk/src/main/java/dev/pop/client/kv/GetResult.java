package dev.pop.client.kv;

import java.util.List;
import java.util.Optional;

/**
 * Result of a get. A missing key is not an error: {@code kvs} is then empty.
 *
 * @param kvs the key-values found, in key order
 * @param more true if the limit cut the result short
 * @param count number of keys in the range (before the limit)
 * @param header the reply header; {@code header().revision()} is the revision the read reflects
 */
public record GetResult(List<KeyValue> kvs, boolean more, long count, Header header) {
  public GetResult {
    kvs = List.copyOf(kvs);
  }

  /** The first key-value, if any: the key itself for a single-key get. */
  public Optional<KeyValue> first() {
    return kvs.isEmpty() ? Optional.empty() : Optional.of(kvs.get(0));
  }
}
