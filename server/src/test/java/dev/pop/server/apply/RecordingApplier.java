package dev.pop.server.apply;

import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.DeleteRangeResponse;
import dev.pop.proto.IncrementRequest;
import dev.pop.proto.IncrementResponse;
import dev.pop.proto.LeaseExpireRequest;
import dev.pop.proto.LeaseGrantRequest;
import dev.pop.proto.LeaseGrantResponse;
import dev.pop.proto.LeaseKeepAliveRequest;
import dev.pop.proto.LeaseKeepAliveResponse;
import dev.pop.proto.LeaseRevokeRequest;
import dev.pop.proto.LeaseRevokeResponse;
import dev.pop.proto.LockRequest;
import dev.pop.proto.LockResponse;
import dev.pop.proto.PutRequest;
import dev.pop.proto.PutResponse;
import dev.pop.proto.Response;
import dev.pop.proto.TxnRequest;
import dev.pop.proto.TxnResponse;
import dev.pop.proto.UnlockRequest;
import dev.pop.proto.UnlockResponse;

import java.util.List;

/** A backend that records which calls reached it and answers each with an empty success. */
final class RecordingApplier implements Applier {
  private final List<String> calls;

  RecordingApplier(List<String> calls) {
    this.calls = calls;
  }

  @Override
  public Response put(PutRequest put) {
    calls.add("put " + put.getKey().toStringUtf8());
    return Response.newBuilder().setPut(PutResponse.newBuilder().setRevision(1)).build();
  }

  @Override
  public Response deleteRange(DeleteRangeRequest delete) {
    calls.add("delete " + delete.getKey().toStringUtf8());
    return Response.newBuilder().setDeleteRange(DeleteRangeResponse.newBuilder().setDeleted(1)).build();
  }

  @Override
  public Response txn(TxnRequest txn) {
    calls.add("txn");
    return Response.newBuilder().setTxn(TxnResponse.getDefaultInstance()).build();
  }

  @Override
  public Response increment(IncrementRequest increment) {
    calls.add("increment " + increment.getKey().toStringUtf8());
    return Response.newBuilder().setIncrement(IncrementResponse.getDefaultInstance()).build();
  }

  @Override
  public Response leaseGrant(LeaseGrantRequest grant) {
    calls.add("lease_grant");
    return Response.newBuilder().setLeaseGrant(LeaseGrantResponse.getDefaultInstance()).build();
  }

  @Override
  public Response leaseKeepAlive(LeaseKeepAliveRequest keepAlive) {
    calls.add("lease_keep_alive");
    return Response.newBuilder().setLeaseKeepAlive(LeaseKeepAliveResponse.getDefaultInstance()).build();
  }

  @Override
  public Response leaseRevoke(LeaseRevokeRequest revoke) {
    calls.add("lease_revoke");
    return Response.newBuilder().setLeaseRevoke(LeaseRevokeResponse.getDefaultInstance()).build();
  }

  @Override
  public Response leaseExpire(LeaseExpireRequest expire) {
    calls.add("lease_expire");
    return Response.newBuilder().setLeaseExpire(LeaseRevokeResponse.getDefaultInstance()).build();
  }

  @Override
  public Response lock(LockRequest lock) {
    calls.add("lock " + lock.getName());
    return Response.newBuilder().setLock(LockResponse.getDefaultInstance()).build();
  }

  @Override
  public Response unlock(UnlockRequest unlock) {
    calls.add("unlock " + unlock.getName());
    return Response.newBuilder().setUnlock(UnlockResponse.getDefaultInstance()).build();
  }

  @Override
  public Response compact(dev.pop.proto.CompactRequest compact) {
    calls.add("compact " + compact.getRevision());
    return Response.newBuilder().setCompact(dev.pop.proto.CompactResponse.getDefaultInstance()).build();
  }

  @Override
  public Response logAppend(dev.pop.proto.LogAppendRequest append) {
    calls.add("log_append " + append.getStream());
    return Response.newBuilder().setLogAppend(dev.pop.proto.LogAppendResponse.getDefaultInstance()).build();
  }

  @Override
  public Response logTrim(dev.pop.proto.LogTrimRequest trim) {
    calls.add("log_trim " + trim.getStream());
    return Response.newBuilder().setLogTrim(dev.pop.proto.LogTrimResponse.getDefaultInstance()).build();
  }
}
