package dev.pop.client.internal;

import dev.pop.client.ErrorCode;
import dev.pop.client.PopException;
import dev.pop.client.kv.DeleteResult;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.Header;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.kv.PutResult;
import dev.pop.proto.DeleteRangeResponse;
import dev.pop.proto.PutResponse;
import dev.pop.proto.RangeResponse;
import dev.pop.proto.Response;
import dev.pop.proto.ResponseHeader;
import java.util.ArrayList;
import java.util.List;

/** Maps wire responses to the SDK's result types. */
final class ProtoResults {
  private ProtoResults() {
  }

  static PutResult put(Response r, ResponseHeader h) {
    PutResponse p = expect(r, Response.ResultCase.PUT).getPut();
    return new PutResult(p.getRevision(), p.hasPrevKv() ? keyValue(p.getPrevKv()) : null, header(h));
  }

  static GetResult get(Response r, ResponseHeader h) {
    RangeResponse g = expect(r, Response.ResultCase.RANGE).getRange();
    return new GetResult(keyValues(g.getKvsList()), g.getMore(), g.getCount(), header(h));
  }

  static DeleteResult delete(Response r, ResponseHeader h) {
    DeleteRangeResponse d = expect(r, Response.ResultCase.DELETE_RANGE).getDeleteRange();
    return new DeleteResult(d.getDeleted(), keyValues(d.getPrevKvsList()), d.getRevision(), header(h));
  }

  static Header header(ResponseHeader h) {
    return new Header(h.getRevision(), h.getMemberId(), h.getRaftTerm(), h.getAppliedIndex());
  }

  static KeyValue keyValue(dev.pop.proto.KeyValue kv) {
    return new KeyValue(kv.getKey().toByteArray(), kv.getValue().toByteArray(), kv.getCreateRevision(),
        kv.getModRevision(), kv.getVersion(), kv.getLease());
  }

  private static List<KeyValue> keyValues(List<dev.pop.proto.KeyValue> kvs) {
    List<KeyValue> out = new ArrayList<>(kvs.size());
    for (dev.pop.proto.KeyValue kv : kvs) {
      out.add(keyValue(kv));
    }
    return out;
  }

  private static Response expect(Response r, Response.ResultCase expected) {
    if (r.getResultCase() != expected) {
      throw new PopException(ErrorCode.INTERNAL,
          "unexpected reply: " + r.getResultCase() + " instead of " + expected);
    }
    return r;
  }
}
