package dev.pop.server.apply;

import com.google.protobuf.ByteString;
import dev.pop.proto.Command;
import dev.pop.proto.Compare;
import dev.pop.proto.Error;
import dev.pop.proto.ErrorCode;
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
import dev.pop.proto.Query;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.Request;
import dev.pop.proto.StatusRequest;
import dev.pop.proto.TxnRequest;
import dev.pop.proto.UnlockRequest;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The validator's rules for txn, counters, leases and locks: every field, one clear message each. */
class CoordinationValidationTest {
  private static final ByteString CLIENT = ByteString.copyFrom(new byte[16]);
  private final RequestValidator validator = new RequestValidator(Limits.DEFAULT);

  private static ByteString bs(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private static Command command(Request... requests) {
    return Command.newBuilder().setClientId(CLIENT).setRequestId(1).addAllRequests(List.of(requests)).build();
  }

  private static Request put(String key) {
    return Request.newBuilder().setPut(PutRequest.newBuilder().setKey(bs(key)).setValue(bs("v"))).build();
  }

  private static Request get(String key) {
    return Request.newBuilder().setRange(RangeRequest.newBuilder().setKey(bs(key))).build();
  }

  private static Request txn(TxnRequest.Builder txn) {
    return Request.newBuilder().setTxn(txn).build();
  }

  private static Compare.Builder cmp(String key) {
    return Compare.newBuilder().setKey(bs(key));
  }

  private String writeRefusal(Request request) {
    Error e = validator.validate(command(request)).orElseThrow(() -> new AssertionError("accepted " + request));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.getCode());
    return e.getMessage();
  }

  private String readRefusal(Request... requests) {
    Error e = validator.validate(Query.newBuilder().addAllRequests(List.of(requests)).build())
        .orElseThrow(() -> new AssertionError("accepted"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.getCode());
    return e.getMessage();
  }

  private void acceptedWrite(Request... requests) {
    assertEquals(Optional.empty(), validator.validate(command(requests)));
  }

  private void acceptedRead(Request request) {
    assertEquals(Optional.empty(), validator.validate(Query.newBuilder().addRequests(request).build()));
  }

  @Test
  void aWellFormedTxnIsAccepted() {
    acceptedWrite(txn(TxnRequest.newBuilder()
        .addCompare(cmp("k").setValue(bs("v")))
        .addCompare(cmp("k").setOp(Compare.Op.GREATER).setVersion(2))
        .addCompare(cmp("k").setOp(Compare.Op.NOT_EQUAL).setExists(true))
        .addCompare(Compare.newBuilder().setLockHeld(LockHeld.newBuilder().setName("job").setFence(3)))
        .addSuccess(put("a")).addSuccess(get("a"))
        .addSuccess(Request.newBuilder().setIncrement(IncrementRequest.newBuilder().setKey(bs("n")).setDelta(1)))
        .addFailure(Request.newBuilder().setDeleteRange(dev.pop.proto.DeleteRangeRequest.newBuilder().setKey(bs("a"))))));
    acceptedRead(txn(TxnRequest.newBuilder().addCompare(cmp("k").setExists(true)).addSuccess(get("k"))));
  }

  @Test
  void aTxnHoldsAtMost128OperationsCountingComparesAndBothBranches() {
    TxnRequest.Builder txn = TxnRequest.newBuilder();
    for (int i = 0; i < 40; i++) {
      txn.addCompare(cmp("k").setVersion(1));
      txn.addSuccess(put("a"));
      txn.addFailure(put("b"));
    }
    acceptedWrite(txn(txn));
    txn.addCompare(cmp("k").setVersion(1)).addSuccess(put("a")).addFailure(put("b"));
    acceptedWrite(txn(txn)); // 123
    txn.addSuccess(put("a")).addSuccess(put("a")).addSuccess(put("a")).addSuccess(put("a")).addSuccess(put("a"));
    acceptedWrite(txn(txn)); // 128
    txn.addFailure(put("b"));
    assertEquals("txn: 129 operations (compare 41 + success 46 + failure 42), limit is 128 (maxTxnOps)",
        writeRefusal(txn(txn)));
  }

  @Test
  void branchesHoldOnlyKeyValueOperationsAndNoNestedTxn() {
    assertEquals("txn: success[0].txn: nested txn is not allowed",
        writeRefusal(txn(TxnRequest.newBuilder().addSuccess(txn(TxnRequest.newBuilder())))));
    assertEquals("txn: failure[1].lock: not allowed in a txn (put, delete_range, range, increment only)",
        writeRefusal(txn(TxnRequest.newBuilder().addFailure(put("a")).addFailure(Request.newBuilder()
            .setLock(LockRequest.newBuilder().setName("job").setLease(1))))));
    assertEquals("txn: success[0].put: key is empty",
        writeRefusal(txn(TxnRequest.newBuilder().addSuccess(put("")))));
    assertEquals("txn: success[0].range: limit is -1, must be >= 0", writeRefusal(txn(TxnRequest.newBuilder()
        .addSuccess(Request.newBuilder().setRange(RangeRequest.newBuilder().setKey(bs("a")).setLimit(-1))))));
    assertEquals("txn: success[0].request: no operation set",
        writeRefusal(txn(TxnRequest.newBuilder().addSuccess(Request.getDefaultInstance()))));
    assertEquals("txn: success[0].put: not allowed in a read-only txn in a Query (range only)",
        readRefusal(txn(TxnRequest.newBuilder().addSuccess(put("a")))));
  }

  @Test
  void comparesAreChecked() {
    assertEquals("txn: compare[0]: target is not set (value, version, create_revision, mod_revision, lease, exists "
        + "or lock_held)", writeRefusal(txn(TxnRequest.newBuilder().addCompare(cmp("k")))));
    assertEquals("txn: compare[0]: compare: key is empty",
        writeRefusal(txn(TxnRequest.newBuilder().addCompare(cmp("").setVersion(1)))));
    assertEquals("txn: compare[0]: exists takes EQUAL or NOT_EQUAL, not LESS",
        writeRefusal(txn(TxnRequest.newBuilder().addCompare(cmp("k").setOp(Compare.Op.LESS).setExists(true)))));
    assertEquals("txn: compare[0]: op 9 is not one of EQUAL, NOT_EQUAL, LESS, GREATER",
        writeRefusal(txn(TxnRequest.newBuilder().addCompare(cmp("k").setOpValue(9).setVersion(1)))));
    assertEquals("txn: compare[1]: value is 1048577 bytes, limit is 1048576 (maxValueBytes)",
        writeRefusal(txn(TxnRequest.newBuilder().addCompare(cmp("k").setVersion(1))
            .addCompare(cmp("k").setValue(ByteString.copyFrom(new byte[(1 << 20) + 1]))))));
    Compare.Builder held = Compare.newBuilder().setLockHeld(LockHeld.newBuilder().setName("job").setFence(1));
    assertEquals("txn: compare[0]: key must be empty for lock_held",
        writeRefusal(txn(TxnRequest.newBuilder().addCompare(held.clone().setKey(bs("k"))))));
    assertEquals("txn: compare[0]: lock_held takes EQUAL or NOT_EQUAL, not GREATER",
        writeRefusal(txn(TxnRequest.newBuilder().addCompare(held.clone().setOp(Compare.Op.GREATER)))));
    assertEquals("txn: compare[0]: lock_held: name is empty", writeRefusal(txn(TxnRequest.newBuilder().addCompare(
        Compare.newBuilder().setLockHeld(LockHeld.newBuilder().setFence(1))))));
    assertEquals("txn: compare[0]: lock_held: fence is 0, must be > 0", writeRefusal(txn(TxnRequest.newBuilder()
        .addCompare(Compare.newBuilder().setLockHeld(LockHeld.newBuilder().setName("job"))))));
  }

  @Test
  void incrementsAreChecked() {
    acceptedWrite(Request.newBuilder().setIncrement(IncrementRequest.newBuilder().setKey(bs("n")).setDelta(-5)
        .setMin(0).setMax(0)).build());
    assertEquals("increment: key is empty",
        writeRefusal(Request.newBuilder().setIncrement(IncrementRequest.newBuilder().setDelta(1)).build()));
    assertEquals("increment: min 5 is above max 4", writeRefusal(Request.newBuilder().setIncrement(
        IncrementRequest.newBuilder().setKey(bs("n")).setMin(5).setMax(4)).build()));
    assertEquals("increment: not allowed in a Query (reads only: range, status, txn, lease_time_to_live, lock_status, "
        + "lock_wait, watch, log_read, log_list); send it in a Command",
        readRefusal(Request.newBuilder().setIncrement(IncrementRequest.newBuilder().setKey(bs("n"))).build()));
  }

  @Test
  void leaseRequestsAreChecked() {
    acceptedWrite(Request.newBuilder().setLeaseGrant(LeaseGrantRequest.newBuilder().setTtlMs(1000)).build());
    acceptedWrite(Request.newBuilder().setLeaseGrant(LeaseGrantRequest.newBuilder().setTtlMs(86_400_000).setId(7))
        .build());
    assertEquals("lease_grant: ttl_ms is -5, must be in [1000, 86400000]", writeRefusal(Request.newBuilder()
        .setLeaseGrant(LeaseGrantRequest.newBuilder().setTtlMs(-5)).build()));
    assertEquals("lease_grant: ttl_ms is 999, must be in [1000, 86400000]", writeRefusal(Request.newBuilder()
        .setLeaseGrant(LeaseGrantRequest.newBuilder().setTtlMs(999)).build()));
    assertEquals("lease_grant: ttl_ms is 86400001, must be in [1000, 86400000]", writeRefusal(Request.newBuilder()
        .setLeaseGrant(LeaseGrantRequest.newBuilder().setTtlMs(86_400_001)).build()));
    assertEquals("lease_grant: id is -1, must be >= 0 (0: the server picks)", writeRefusal(Request.newBuilder()
        .setLeaseGrant(LeaseGrantRequest.newBuilder().setTtlMs(5000).setId(-1)).build()));
    assertEquals("lease_keep_alive: id is 0, must be > 0", writeRefusal(Request.newBuilder()
        .setLeaseKeepAlive(LeaseKeepAliveRequest.getDefaultInstance()).build()));
    assertEquals("lease_revoke: id is -3, must be > 0", writeRefusal(Request.newBuilder()
        .setLeaseRevoke(LeaseRevokeRequest.newBuilder().setId(-3)).build()));
    assertEquals("lease_time_to_live: id is 0, must be > 0", readRefusal(Request.newBuilder()
        .setLeaseTimeToLive(LeaseTimeToLiveRequest.getDefaultInstance()).build()));
    acceptedRead(Request.newBuilder().setLeaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setId(3)).build());
  }

  @Test
  void onlyTheLeaderMayExpireALease() {
    Request expire = Request.newBuilder().setLeaseExpire(LeaseExpireRequest.newBuilder().setId(3).setRefreshIndex(9))
        .build();
    assertEquals("lease_expire: internal operation; only the leader proposes it", writeRefusal(expire));
    assertEquals("lease_expire: internal operation; only the leader proposes it", readRefusal(expire));
    Command internal = Command.newBuilder().addRequests(expire).build();
    assertEquals(Optional.empty(), validator.validateInternal(internal));
    assertEquals("internal command: must carry no client_id or request_id",
        validator.validateInternal(command(expire)).orElseThrow().getMessage());
    assertEquals("requests[0].put: not allowed in an internal command (lease_expire, compact only)",
        validator.validateInternal(Command.newBuilder().addRequests(put("a")).build()).orElseThrow().getMessage());
    assertEquals("requests[0].lease_expire: refresh_index is 0, must be > 0",
        validator.validateInternal(Command.newBuilder().addRequests(Request.newBuilder().setLeaseExpire(
            LeaseExpireRequest.newBuilder().setId(3))).build()).orElseThrow().getMessage());
    assertEquals("internal command: requests is empty, at least one is needed",
        validator.validateInternal(Command.getDefaultInstance()).orElseThrow().getMessage());
  }

  @Test
  void lockRequestsAreChecked() {
    acceptedWrite(Request.newBuilder().setLock(LockRequest.newBuilder().setName("job").setLease(1).setWaitMs(0)).build());
    assertEquals("lock: name is empty",
        writeRefusal(Request.newBuilder().setLock(LockRequest.newBuilder().setLease(1)).build()));
    assertEquals("lock: name is 4097 bytes, limit is 4096 (maxKeyBytes)", writeRefusal(Request.newBuilder()
        .setLock(LockRequest.newBuilder().setName(String.join("", Collections.nCopies(4097, "x"))).setLease(1)).build()));
    assertEquals("lock: lease is 0, must be > 0 (a lock is held under a lease)",
        writeRefusal(Request.newBuilder().setLock(LockRequest.newBuilder().setName("job")).build()));
    assertEquals("lock: wait_ms is -1, must be >= 0", writeRefusal(Request.newBuilder()
        .setLock(LockRequest.newBuilder().setName("job").setLease(1).setWaitMs(-1)).build()));
    assertEquals("unlock: name is empty",
        writeRefusal(Request.newBuilder().setUnlock(UnlockRequest.newBuilder().setFence(1)).build()));
    assertEquals("unlock: set exactly one of fence (release the lock) and waiter_id (give up a place)",
        writeRefusal(Request.newBuilder().setUnlock(UnlockRequest.newBuilder().setName("job")).build()));
    assertEquals("unlock: set exactly one of fence (release the lock) and waiter_id (give up a place)",
        writeRefusal(Request.newBuilder().setUnlock(UnlockRequest.newBuilder().setName("job").setFence(1)
            .setWaiterId(2)).build()));
    assertEquals("unlock: fence is -1 and waiter_id is 0; they must not be negative", writeRefusal(Request.newBuilder()
        .setUnlock(UnlockRequest.newBuilder().setName("job").setFence(-1)).build()));
    assertEquals("lock_status: name is empty",
        readRefusal(Request.newBuilder().setLockStatus(LockStatusRequest.getDefaultInstance()).build()));
    acceptedRead(Request.newBuilder().setLockStatus(LockStatusRequest.newBuilder().setName("job")).build());
  }

  @Test
  void lockWaitsAreCheckedAndStandAlone() {
    Request ok = Request.newBuilder().setLockWait(LockWaitRequest.newBuilder().setName("job").setWaiterId(3)
        .setWaitMs(60_000)).build();
    acceptedRead(ok);
    assertEquals("lock_wait: waiter_id is 0, must be > 0", readRefusal(Request.newBuilder().setLockWait(
        LockWaitRequest.newBuilder().setName("job").setWaitMs(10)).build()));
    assertEquals("lock_wait: wait_ms is 60001, must be in [0, 60000]", readRefusal(Request.newBuilder().setLockWait(
        LockWaitRequest.newBuilder().setName("job").setWaiterId(3).setWaitMs(60_001)).build()));
    assertEquals("lock_wait: name is empty", readRefusal(Request.newBuilder().setLockWait(
        LockWaitRequest.newBuilder().setWaiterId(3)).build()));
    assertEquals("query: lock_wait must be the only request of its Query",
        readRefusal(ok, Request.newBuilder().setStatus(StatusRequest.getDefaultInstance()).build()));
    assertEquals("lock_wait: not allowed in a Command (writes only: put, delete_range, txn, increment, lease_grant, "
        + "lease_keep_alive, lease_revoke, lock, unlock, compact, log_append, log_trim); send it in a Query", writeRefusal(ok));
  }
}
