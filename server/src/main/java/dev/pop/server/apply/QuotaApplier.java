package dev.pop.server.apply;

import dev.pop.proto.CompactRequest;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.IncrementRequest;
import dev.pop.proto.LeaseExpireRequest;
import dev.pop.proto.LeaseGrantRequest;
import dev.pop.proto.LeaseKeepAliveRequest;
import dev.pop.proto.LeaseRevokeRequest;
import dev.pop.proto.LockRequest;
import dev.pop.proto.LogAppendRequest;
import dev.pop.proto.LogTrimRequest;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.TxnRequest;
import dev.pop.proto.UnlockRequest;

import java.io.IOException;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Refuses key writes (put, increment, a txn that may put, a log append) with NO_SPACE once the store's logical size would pass
 * the quota; deletes, revokes, trims, compaction and lock bookkeeping always pass so an operator can free space (etcd's
 * quotaApplierV3). Lease and lock records are not part of the logical size.
 *
 * <p>The cost of a put is its worst case, counted before applying it: the key and value enter the history and
 * the current state ({@code 2 × (key + value)} bytes; overwriting a key frees the old value later, which the
 * estimate ignores). An increment costs like a put of a 20-byte value; a txn costs its costlier branch, so it is
 * refused whole or not at all. Costs depend only on replicated state, so every member refuses the same writes.
 */
public final class QuotaApplier implements Applier {
  /** Longest decimal text of a signed 64-bit integer. */
  static final int COUNTER_BYTES = 20;

  private final Applier next;
  private final long quotaBytes;
  private final LongSupplier logicalSize;

  public QuotaApplier(Applier next, long quotaBytes, LongSupplier logicalSize) {
    this.next = next;
    this.quotaBytes = quotaBytes;
    this.logicalSize = logicalSize;
  }

  /** Upper bound of the logical bytes a put adds. */
  public static long putCost(PutRequest put) {
    return 2L * (put.getKey().size() + put.getValue().size());
  }

  public static long incrementCost(IncrementRequest increment) {
    return 2L * (increment.getKey().size() + COUNTER_BYTES);
  }

  /** The costlier branch: the sum of its puts and increments. */
  public static long txnCost(TxnRequest txn) {
    return Math.max(branchCost(txn.getSuccessList()), branchCost(txn.getFailureList()));
  }

  private static long branchCost(List<Request> branch) {
    long cost = 0;
    for (Request r : branch) {
      cost += r.hasPut() ? putCost(r.getPut()) : r.hasIncrement() ? incrementCost(r.getIncrement()) : 0;
    }
    return cost;
  }

  /** NO_SPACE if {@code cost} more bytes would pass the quota, else null. */
  private Response refusal(String op, long cost) {
    long used = logicalSize.getAsLong();
    if (cost == 0 || used + cost <= quotaBytes) {
      return null;
    }
    return Errors.response(Errors.of(ErrorCode.NO_SPACE, op + ": store quota reached: " + used + " of " + quotaBytes
        + " bytes used (quotaBytes) and this " + op + " may add " + cost + "; delete keys or compact history"));
  }

  @Override
  public Response put(PutRequest put) throws IOException {
    Response refused = refusal("put", putCost(put));
    return refused != null ? refused : next.put(put);
  }

  @Override
  public Response deleteRange(DeleteRangeRequest delete) throws IOException {
    return next.deleteRange(delete);
  }

  @Override
  public Response txn(TxnRequest txn) throws IOException {
    Response refused = refusal("txn", txnCost(txn));
    return refused != null ? refused : next.txn(txn);
  }

  @Override
  public Response increment(IncrementRequest increment) throws IOException {
    Response refused = refusal("increment", incrementCost(increment));
    return refused != null ? refused : next.increment(increment);
  }

  @Override
  public Response leaseGrant(LeaseGrantRequest grant) throws IOException {
    return next.leaseGrant(grant);
  }

  @Override
  public Response leaseKeepAlive(LeaseKeepAliveRequest keepAlive) throws IOException {
    return next.leaseKeepAlive(keepAlive);
  }

  @Override
  public Response leaseRevoke(LeaseRevokeRequest revoke) throws IOException {
    return next.leaseRevoke(revoke);
  }

  @Override
  public Response leaseExpire(LeaseExpireRequest expire) throws IOException {
    return next.leaseExpire(expire);
  }

  @Override
  public Response lock(LockRequest lock) throws IOException {
    return next.lock(lock);
  }

  @Override
  public Response unlock(UnlockRequest unlock) throws IOException {
    return next.unlock(unlock);
  }

  @Override
  public Response compact(CompactRequest compact) throws IOException {
    return next.compact(compact);
  }

  /** An entry costs its data and its 8-byte header. */
  @Override
  public Response logAppend(LogAppendRequest append) throws IOException {
    Response refused = refusal("log append", append.getData().size() + 8L);
    return refused != null ? refused : next.logAppend(append);
  }

  @Override
  public Response logTrim(LogTrimRequest trim) throws IOException {
    return next.logTrim(trim);
  }
}
