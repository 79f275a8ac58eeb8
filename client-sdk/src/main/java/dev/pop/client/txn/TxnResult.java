package dev.pop.client.txn;

import dev.pop.client.kv.Header;
import java.util.List;

/**
 * Result of a committed txn.
 *
 * @param succeeded true if every compare held and the {@code then} branch ran; false if the {@code otherwise}
 *     branch ran (a false compare is not an error)
 * @param revision the store revision after the txn: the txn's own revision if it changed a key
 * @param results one per request of the branch that ran, same order
 * @param header the reply header
 */
public record TxnResult(boolean succeeded, long revision, List<OpResult> results, Header header) {
  public TxnResult {
    results = List.copyOf(results);
  }
}
