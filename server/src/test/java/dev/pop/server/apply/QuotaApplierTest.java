package dev.pop.server.apply;

import com.google.protobuf.ByteString;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.IncrementRequest;
import dev.pop.proto.LeaseGrantRequest;
import dev.pop.proto.LockRequest;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.TxnRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuotaApplierTest {
  private final List<String> calls = new ArrayList<>();
  private long used;

  private final Applier backend = new RecordingApplier(calls);

  private final QuotaApplier quota = new QuotaApplier(backend, 100, () -> used);

  private static PutRequest put(String key, int valueBytes) {
    return PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFrom(new byte[valueBytes]))
        .build();
  }

  @Test
  void aPutThatFitsReachesTheBackend() throws IOException {
    used = 80;
    // cost 2 × (1 + 9) = 20: exactly the quota
    assertTrue(quota.put(put("k", 9)).hasPut());
    assertEquals(List.of("put k"), calls);
  }

  @Test
  void aPutPastTheQuotaIsRefusedBeforeTheBackend() throws IOException {
    used = 81;
    Response r = quota.put(put("k", 9));
    assertEquals(ErrorCode.NO_SPACE, r.getError().getCode());
    assertEquals("put: store quota reached: 81 of 100 bytes used (quotaBytes) and this put may add 20; "
        + "delete keys or compact history", r.getError().getMessage());
    assertEquals(List.of(), calls);
  }

  @Test
  void anIncrementCostsLikeAPutOfTwentyBytes() throws IOException {
    // cost 2 × (1 + 20) = 42
    IncrementRequest inc = IncrementRequest.newBuilder().setKey(ByteString.copyFromUtf8("n")).setDelta(1).build();
    used = 58;
    assertTrue(quota.increment(inc).hasIncrement());
    used = 59;
    Response r = quota.increment(inc);
    assertEquals(ErrorCode.NO_SPACE, r.getError().getCode());
    assertTrue(r.getError().getMessage().startsWith("increment: store quota reached: 59 of 100"), r.getError().getMessage());
    assertEquals(List.of("increment n"), calls);
  }

  @Test
  void aTxnCostsItsCostlierBranchAndIsRefusedWhole() throws IOException {
    TxnRequest txn = TxnRequest.newBuilder()
        .addSuccess(Request.newBuilder().setPut(put("a", 9)))
        .addSuccess(Request.newBuilder().setPut(put("b", 9)))
        .addFailure(Request.newBuilder().setPut(put("c", 29)))
        .addFailure(Request.newBuilder().setDeleteRange(DeleteRangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("d"))))
        .build();
    assertEquals(60, QuotaApplier.txnCost(txn));
    used = 40;
    assertTrue(quota.txn(txn).hasTxn());
    used = 41;
    assertEquals(ErrorCode.NO_SPACE, quota.txn(txn).getError().getCode());
    assertEquals(List.of("txn"), calls);
    // a txn that only deletes and reads costs nothing and passes even over the quota
    used = 1000;
    assertTrue(quota.txn(TxnRequest.newBuilder().addSuccess(Request.newBuilder().setDeleteRange(
        DeleteRangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("d")))).build()).hasTxn());
  }

  @Test
  void leaseAndLockBookkeepingPassesOverTheQuota() throws IOException {
    used = 1000;
    assertTrue(quota.leaseGrant(LeaseGrantRequest.newBuilder().setTtlMs(5000).build()).hasLeaseGrant());
    assertTrue(quota.lock(LockRequest.newBuilder().setName("job").setLease(1).build()).hasLock());
    assertEquals(List.of("lease_grant", "lock job"), calls);
  }

  @Test
  void deletesPassEvenOverTheQuota() throws IOException {
    used = 1000;
    assertTrue(quota.deleteRange(DeleteRangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).build())
        .hasDeleteRange());
    assertEquals(List.of("delete k"), calls);
  }
}
