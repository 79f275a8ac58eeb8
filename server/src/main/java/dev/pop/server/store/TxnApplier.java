package dev.pop.server.store;

import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.TxnRequest;
import dev.pop.proto.TxnResponse;
import dev.pop.server.apply.Errors;
import org.rocksdb.RocksDBException;

import java.io.IOException;
import java.util.List;

/**
 * Transactions: evaluates the compares, then runs one branch with all its writes sharing one revision, each
 * request seeing the earlier ones' effects. A refused branch request rolls the whole txn back (writes, meta and
 * events), and the txn answers with that request's error, prefixed with its place. Quota is checked for the
 * whole txn before it runs (see {@code QuotaApplier}).
 */
final class TxnApplier {
  private final PendingBatch pending;
  private final KvApplier kv;
  private final CounterApplier counters;

  TxnApplier(PendingBatch pending, KvApplier kv, CounterApplier counters) {
    this.pending = pending;
    this.kv = kv;
    this.counters = counters;
  }

  Response txn(TxnRequest txn) throws IOException {
    try {
      boolean succeeded = CompareEvaluator.allHold(pending, txn.getCompareList());
      List<Request> branch = succeeded ? txn.getSuccessList() : txn.getFailureList();
      String branchName = succeeded ? "success" : "failure";
      TxnResponse.Builder out = TxnResponse.newBuilder().setSucceeded(succeeded);
      PendingBatch.Mark mark = pending.mark();
      pending.shareRevision(true);
      try {
        for (int i = 0; i < branch.size(); i++) {
          Response r = run(branch.get(i));
          if (r.hasError()) {
            pending.rollback(mark);
            return Errors.response(Errors.nested(r.getError(), "txn: " + branchName + "[" + i + "]",
                Errors.opName(branch.get(i))));
          }
          out.addResponses(r);
        }
      } finally {
        pending.shareRevision(false);
      }
      pending.release(mark);
      return Response.newBuilder().setTxn(out.setRevision(pending.meta().revision)).build();
    } catch (RocksDBException e) {
      throw new IOException("txn failed in RocksDB: " + e.getMessage(), e);
    }
  }

  private Response run(Request request) throws IOException, RocksDBException {
    switch (request.getOpCase()) {
      case PUT:
        return kv.put(request.getPut());
      case DELETE_RANGE:
        return kv.deleteRange(request.getDeleteRange());
      case INCREMENT:
        return counters.increment(request.getIncrement());
      case RANGE:
        return new RangeReader(pending, pending.meta()).range(request.getRange());
      default:
        // the validator keeps these out of the log; refusing keeps apply deterministic if one slips through
        return Errors.response(Errors.invalidArgument(
            request.getOpCase() + ": not allowed in a txn (put, delete_range, range, increment only)"));
    }
  }
}
