package dev.pop.client.internal;

import com.google.protobuf.ByteString;
import dev.pop.client.ErrorCode;
import dev.pop.client.PopException;
import dev.pop.client.counter.Bounds;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.txn.Cmp;
import dev.pop.client.txn.Op;
import dev.pop.client.txn.OpResult;
import dev.pop.client.txn.TxnResult;
import dev.pop.proto.Compare;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.IncrementRequest;
import dev.pop.proto.LockHeld;
import dev.pop.proto.PutRequest;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.ResponseHeader;
import dev.pop.proto.TxnRequest;
import dev.pop.proto.TxnResponse;
import java.util.ArrayList;
import java.util.List;

/** Maps the SDK's txn types to the wire and back. Pure. */
final class TxnCodec {
  private TxnCodec() {
  }

  static TxnRequest request(List<Cmp> compares, List<Op> success, List<Op> failure) {
    TxnRequest.Builder b = TxnRequest.newBuilder();
    compares.forEach(c -> b.addCompare(compare(c)));
    success.forEach(o -> b.addSuccess(op(o)));
    failure.forEach(o -> b.addFailure(op(o)));
    return b.build();
  }

  /** True if every op of both branches is a get: the txn can go as a read. */
  static boolean readOnly(List<Op> success, List<Op> failure) {
    return success.stream().allMatch(o -> o instanceof Op.Get) && failure.stream().allMatch(o -> o instanceof Op.Get);
  }

  static Compare compare(Cmp c) {
    Compare.Builder b = Compare.newBuilder().setOp(operator(c.operator())).setKey(ByteString.copyFrom(c.key()));
    switch (c.target()) {
      case VALUE -> b.setValue(ByteString.copyFrom(c.value()));
      case VERSION -> b.setVersion(c.number());
      case CREATE_REVISION -> b.setCreateRevision(c.number());
      case MOD_REVISION -> b.setModRevision(c.number());
      case LEASE -> b.setLease(c.number());
      case EXISTS -> b.setExists(c.number() == 1);
      case LOCK_HELD -> b.setLockHeld(LockHeld.newBuilder().setName(c.lockName()).setFence(c.number()));
      default -> throw new IllegalStateException("unknown compare target " + c.target());
    }
    return b.build();
  }

  private static Compare.Op operator(Cmp.Operator op) {
    return switch (op) {
      case EQUAL -> Compare.Op.EQUAL;
      case NOT_EQUAL -> Compare.Op.NOT_EQUAL;
      case LESS -> Compare.Op.LESS;
      case GREATER -> Compare.Op.GREATER;
    };
  }

  static Request op(Op op) {
    Request.Builder r = Request.newBuilder();
    if (op instanceof Op.Put p) {
      r.setPut(PutRequest.newBuilder().setKey(ByteString.copyFrom(p.key())).setValue(ByteString.copyFrom(p.value()))
          .setLease(p.lease()));
    } else if (op instanceof Op.Delete d) {
      DeleteRangeRequest.Builder b = DeleteRangeRequest.newBuilder().setKey(ByteString.copyFrom(d.key()));
      if (d.prefix()) {
        b.setRangeEnd(ByteString.copyFrom(KeyRanges.prefixEnd(d.key())));
      }
      r.setDeleteRange(b);
    } else if (op instanceof Op.Get g) {
      RangeRequest.Builder b = RangeRequest.newBuilder().setKey(ByteString.copyFrom(g.key()));
      if (g.prefix()) {
        b.setRangeEnd(ByteString.copyFrom(KeyRanges.prefixEnd(g.key())));
      }
      r.setRange(b);
    } else if (op instanceof Op.Increment i) {
      r.setIncrement(increment(i.key(), i.delta(), i.bounds()));
    }
    return r.build();
  }

  static IncrementRequest increment(byte[] key, long delta, Bounds bounds) {
    IncrementRequest.Builder b = IncrementRequest.newBuilder().setKey(ByteString.copyFrom(key)).setDelta(delta);
    if (bounds != null && bounds.min() != null) {
      b.setMin(bounds.min());
    }
    if (bounds != null && bounds.max() != null) {
      b.setMax(bounds.max());
    }
    return b.build();
  }

  static TxnResult result(Response r, ResponseHeader h) {
    if (!r.hasTxn()) {
      throw new PopException(ErrorCode.INTERNAL, "unexpected reply: " + r.getResultCase() + " instead of TXN");
    }
    TxnResponse t = r.getTxn();
    List<OpResult> results = new ArrayList<>(t.getResponsesCount());
    for (Response each : t.getResponsesList()) {
      results.add(opResult(each));
    }
    return new TxnResult(t.getSucceeded(), t.getRevision(), results, ProtoResults.header(h));
  }

  static OpResult opResult(Response r) {
    return switch (r.getResultCase()) {
      case PUT -> new OpResult.Put(r.getPut().getRevision());
      case DELETE_RANGE -> new OpResult.Delete(r.getDeleteRange().getDeleted(), r.getDeleteRange().getRevision());
      case RANGE -> {
        List<KeyValue> kvs = new ArrayList<>(r.getRange().getKvsCount());
        r.getRange().getKvsList().forEach(kv -> kvs.add(ProtoResults.keyValue(kv)));
        yield new OpResult.Get(kvs, r.getRange().getMore(), r.getRange().getCount());
      }
      case INCREMENT -> new OpResult.Increment(r.getIncrement().getValue(), r.getIncrement().getRevision());
      default -> throw new PopException(ErrorCode.INTERNAL, "txn: unexpected result in a branch: "
          + r.getResultCase());
    };
  }
}
