package dev.pop.server.store;

import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.StatusResponse;
import dev.pop.proto.TxnRequest;
import dev.pop.proto.TxnResponse;
import dev.pop.server.apply.Errors;
import dev.pop.server.lease.LeaseClock;
import org.rocksdb.RocksDBException;

import java.util.List;

/** Answers the reads of a Query from one consistent view of the store. */
final class QueryReader {
  private final StoreView view;
  private final Meta meta;
  private final LeaseClock clock;

  /** {@code meta} must describe the same state as {@code view}. */
  QueryReader(StoreView view, Meta meta, LeaseClock clock) {
    this.view = view;
    this.meta = meta;
    this.clock = clock;
  }

  Response answer(Request request) throws RocksDBException {
    switch (request.getOpCase()) {
      case RANGE:
        return new RangeReader(view, meta).range(request.getRange());
      case STATUS:
        return Response.newBuilder().setStatus(StatusResponse.newBuilder()
            .setRevision(meta.revision)
            .setCompactRevision(meta.compactRevision)
            .setAppliedIndex(meta.appliedIndex)
            .setKeyCount(meta.keyCount)
            .setStoreBytes(meta.logicalSize)
            .setLeaseCount(meta.leaseCount)
            .setHeldLockCount(meta.heldLocks)).build();
      case TXN:
        return readOnlyTxn(request.getTxn());
      case LEASE_TIME_TO_LIVE:
        return LeaseReader.timeToLive(view, request.getLeaseTimeToLive(), clock);
      case LOCK_STATUS:
        return LockReader.status(view, request.getLockStatus().getName());
      case LOCK_WAIT:
        return LockReader.waitState(view, request.getLockWait());
      case WATCH:
        return WatchReader.watch(view, meta, request.getWatch());
      case LOG_READ:
        return LogStreams.read(view, request.getLogRead());
      case LOG_LIST:
        return LogStreams.list(view, request.getLogList());
      default:
        return Errors.response(Errors.invalidArgument("request: " + request.getOpCase()
            + " is not a read; a Query holds range, status, txn, lease_time_to_live, lock_status, lock_wait, watch, log_read, log_list"));
    }
  }

  /** A txn whose branches only read (the validator sees to it in a Query). */
  private Response readOnlyTxn(TxnRequest txn) throws RocksDBException {
    boolean succeeded = CompareEvaluator.allHold(view, txn.getCompareList());
    List<Request> branch = succeeded ? txn.getSuccessList() : txn.getFailureList();
    TxnResponse.Builder out = TxnResponse.newBuilder().setSucceeded(succeeded).setRevision(meta.revision);
    for (int i = 0; i < branch.size(); i++) {
      Request r = branch.get(i);
      Response answer = r.hasRange() ? new RangeReader(view, meta).range(r.getRange())
          : Errors.response(Errors.invalidArgument(r.getOpCase() + ": not allowed in a read-only txn (range only)"));
      if (answer.hasError()) {
        return Errors.response(Errors.nested(answer.getError(),
            "txn: " + (succeeded ? "success" : "failure") + "[" + i + "]", Errors.opName(r)));
      }
      out.addResponses(answer);
    }
    return Response.newBuilder().setTxn(out).build();
  }
}
