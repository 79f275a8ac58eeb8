package dev.pop.server.apply;

import com.google.protobuf.ByteString;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.DeleteRangeResponse;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.PutRequest;
import dev.pop.proto.PutResponse;
import dev.pop.proto.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuotaApplierTest {
  private final List<String> calls = new ArrayList<>();
  private long used;

  private final Applier backend = new Applier() {
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
  };

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
  void deletesPassEvenOverTheQuota() throws IOException {
    used = 1000;
    assertTrue(quota.deleteRange(DeleteRangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).build())
        .hasDeleteRange());
    assertEquals(List.of("delete k"), calls);
  }
}
