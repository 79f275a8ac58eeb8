package dev.pop.client;

import dev.pop.client.txn.Cmp;
import dev.pop.client.txn.Op;
import dev.pop.client.txn.TxnResult;
import java.util.concurrent.CompletableFuture;

/**
 * A transaction being built: if every {@link Cmp} holds, the {@code then} ops run, otherwise the {@code otherwise}
 * ops; atomically, in one Raft log entry, all writes sharing one new revision. Obtain one per transaction from
 * {@link PopClient#txn()}; not thread-safe (the client it came from is).
 *
 * <pre>{@code
 * TxnResult r = pop.txn()
 *     .when(Cmp.lockHeld("job", grant.fence()), Cmp.version("job/state").eq(3))
 *     .then(Op.put("job/state", "done"), Op.increment("job/runs", 1))
 *     .otherwise(Op.get("job/state"))
 *     .commit();
 * }</pre>
 *
 * <p><b>Outcomes.</b> A false compare is not an error: {@link TxnResult#succeeded()} is false and the
 * {@code otherwise} ops ran. A refused op (unknown lease, counter out of bounds, quota...) refuses the whole txn:
 * nothing is applied and {@link #commit()} throws the op's error, its message naming the op
 * ({@code txn: success[1].increment: ...}) — a {@link ConflictException} for a counter bound. Compares and the ops of
 * both branches count together against the server's limit of 128 (INVALID_ARGUMENT beyond). Failures as in
 * {@link Kv}: {@link UnknownOutcomeException} means the txn may or may not have been applied; retries within the
 * deadline are applied at most once. A txn whose ops are all gets is sent as a linearizable read.
 */
public interface Txn {
  /** Adds compares; all must hold for the {@code then} branch. None: the {@code then} branch always runs. */
  Txn when(Cmp... compares);

  /** Adds ops to the branch that runs when every compare holds. */
  Txn then(Op... ops);

  /** Adds ops to the branch that runs when a compare does not hold. */
  Txn otherwise(Op... ops);

  /**
   * Sends the txn and waits for its result.
   *
   * @throws PopException see the class comment
   */
  TxnResult commit();

  /** Async twin of {@link #commit()}. */
  CompletableFuture<TxnResult> commitAsync();
}
