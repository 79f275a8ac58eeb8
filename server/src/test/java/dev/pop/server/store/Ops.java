package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.Compare;
import dev.pop.proto.IncrementRequest;
import dev.pop.proto.LeaseExpireRequest;
import dev.pop.proto.LeaseGrantRequest;
import dev.pop.proto.LeaseKeepAliveRequest;
import dev.pop.proto.LeaseRevokeRequest;
import dev.pop.proto.LeaseTimeToLiveRequest;
import dev.pop.proto.LockHeld;
import dev.pop.proto.LockRequest;
import dev.pop.proto.LockStatusRequest;
import dev.pop.proto.LockWaitRequest;
import dev.pop.proto.PutRequest;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.Request;
import dev.pop.proto.TxnRequest;
import dev.pop.proto.UnlockRequest;

import java.util.List;

import static dev.pop.server.store.StoreDriver.bs;

/** Builders of the coordination requests, for store tests. */
final class Ops {
  private Ops() {}

  // ------------------------------------------------------------------ txn

  static Request txn(List<Compare> compare, List<Request> success, List<Request> failure) {
    return Request.newBuilder().setTxn(TxnRequest.newBuilder()
        .addAllCompare(compare).addAllSuccess(success).addAllFailure(failure)).build();
  }

  static Compare.Builder on(String key, Compare.Op op) {
    return Compare.newBuilder().setKey(bs(key)).setOp(op);
  }

  static Compare value(String key, Compare.Op op, String value) {
    return on(key, op).setValue(bs(value)).build();
  }

  static Compare version(String key, Compare.Op op, long version) {
    return on(key, op).setVersion(version).build();
  }

  static Compare exists(String key, boolean exists) {
    return on(key, Compare.Op.EQUAL).setExists(exists).build();
  }

  static Compare lockHeld(String name, long fence, Compare.Op op) {
    return Compare.newBuilder().setOp(op).setLockHeld(LockHeld.newBuilder().setName(name).setFence(fence)).build();
  }

  static Request get(String key) {
    return Request.newBuilder().setRange(RangeRequest.newBuilder().setKey(bs(key))).build();
  }

  // ------------------------------------------------------------------ counters

  static Request increment(String key, long delta) {
    return Request.newBuilder().setIncrement(IncrementRequest.newBuilder().setKey(bs(key)).setDelta(delta)).build();
  }

  static Request increment(String key, long delta, Long min, Long max) {
    IncrementRequest.Builder b = IncrementRequest.newBuilder().setKey(bs(key)).setDelta(delta);
    if (min != null) {
      b.setMin(min);
    }
    if (max != null) {
      b.setMax(max);
    }
    return Request.newBuilder().setIncrement(b).build();
  }

  // ------------------------------------------------------------------ leases

  static Request grant(long ttlMs) {
    return grant(ttlMs, 0);
  }

  static Request grant(long ttlMs, long id) {
    return Request.newBuilder().setLeaseGrant(LeaseGrantRequest.newBuilder().setTtlMs(ttlMs).setId(id)).build();
  }

  static Request keepAlive(long id) {
    return Request.newBuilder().setLeaseKeepAlive(LeaseKeepAliveRequest.newBuilder().setId(id)).build();
  }

  static Request revoke(long id) {
    return Request.newBuilder().setLeaseRevoke(LeaseRevokeRequest.newBuilder().setId(id)).build();
  }

  static Request expire(long id, long refreshIndex) {
    return Request.newBuilder().setLeaseExpire(LeaseExpireRequest.newBuilder().setId(id).setRefreshIndex(refreshIndex))
        .build();
  }

  static Request timeToLive(long id, boolean keys) {
    return Request.newBuilder().setLeaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setId(id).setKeys(keys)).build();
  }

  static Request putLease(String key, String value, long lease) {
    return Request.newBuilder().setPut(PutRequest.newBuilder().setKey(bs(key)).setValue(bs(value)).setLease(lease))
        .build();
  }

  // ------------------------------------------------------------------ locks

  static Request lock(String name, long lease) {
    return Request.newBuilder().setLock(LockRequest.newBuilder().setName(name).setLease(lease)).build();
  }

  static Request tryLock(String name, long lease) {
    return Request.newBuilder().setLock(LockRequest.newBuilder().setName(name).setLease(lease).setWaitMs(0)).build();
  }

  static Request unlock(String name, long fence) {
    return Request.newBuilder().setUnlock(UnlockRequest.newBuilder().setName(name).setFence(fence)).build();
  }

  static Request giveUp(String name, long waiterId) {
    return Request.newBuilder().setUnlock(UnlockRequest.newBuilder().setName(name).setWaiterId(waiterId)).build();
  }

  static Request lockWait(String name, long waiterId, long waitMs) {
    return Request.newBuilder().setLockWait(
        LockWaitRequest.newBuilder().setName(name).setWaiterId(waiterId).setWaitMs(waitMs)).build();
  }

  static Request lockStatus(String name) {
    return Request.newBuilder().setLockStatus(LockStatusRequest.newBuilder().setName(name)).build();
  }

  static ByteString utf8(String s) {
    return bs(s);
  }
}
