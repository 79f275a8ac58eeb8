package dev.pop.server.store;

import dev.pop.proto.CommandResult;
import dev.pop.proto.DeleteRangeResponse;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.KeyValue;
import dev.pop.proto.PutRequest;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.pop.server.store.StoreDriver.bs;
import static dev.pop.server.store.StoreDriver.delete;
import static dev.pop.server.store.StoreDriver.deletePrefix;
import static dev.pop.server.store.StoreDriver.put;
import static dev.pop.server.store.StoreDriver.putPrev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KvApplyTest {
  @TempDir Path dir;
  StoreDriver s;

  @BeforeEach
  void open() throws IOException {
    s = new StoreDriver(dir);
  }

  @AfterEach
  void close() throws IOException {
    s.close();
  }

  @Test
  void putsCountRevisionsAndVersions() throws IOException {
    assertEquals(1, s.writeOne(put("a", "1")).getPut().getRevision());
    assertEquals(2, s.writeOne(put("a", "2")).getPut().getRevision());
    assertEquals(3, s.writeOne(put("b", "x")).getPut().getRevision());

    KeyValue a = s.get("a").getKvs(0);
    assertEquals("2", a.getValue().toStringUtf8());
    assertEquals(1, a.getCreateRevision());
    assertEquals(2, a.getModRevision());
    assertEquals(2, a.getVersion());
    assertEquals(0, a.getLease());
    assertEquals(3, s.store.revision());
    assertEquals(2, s.status().getKeyCount());
  }

  @Test
  void deleteThenRecreateStartsANewLife() throws IOException {
    s.write(put("a", "1"));
    s.write(put("a", "2"));
    Response del = s.writeOne(delete("a"));
    assertEquals(1, del.getDeleteRange().getDeleted());
    assertEquals(3, del.getDeleteRange().getRevision());
    assertEquals(0, s.get("a").getCount());

    s.write(put("a", "3"));
    KeyValue a = s.get("a").getKvs(0);
    assertEquals(4, a.getCreateRevision());
    assertEquals(4, a.getModRevision());
    assertEquals(1, a.getVersion());
  }

  @Test
  void deletingNothingTakesNoRevision() throws IOException {
    s.write(put("a", "1"));
    DeleteRangeResponse del = s.writeOne(delete("missing")).getDeleteRange();
    assertEquals(0, del.getDeleted());
    assertEquals(1, del.getRevision());
    assertEquals(0, s.writeOne(deletePrefix("zz")).getDeleteRange().getDeleted());
    assertEquals(1, s.store.revision());
  }

  @Test
  void deleteRangeOfAPrefixIsOneRevisionWithPrevKvs() throws IOException {
    s.write(put("a/1", "v1"), put("a/2", "v2"), put("a/3", "v3"), put("b", "vb"), put("a", "va"));
    DeleteRangeResponse del = s.writeOne(deletePrefix("a/")).getDeleteRange();

    assertEquals(3, del.getDeleted());
    assertEquals(6, del.getRevision());
    assertEquals(6, s.store.revision());
    assertEquals(java.util.List.of("v1", "v2", "v3"),
        del.getPrevKvsList().stream().map(kv -> kv.getValue().toStringUtf8()).toList());
    assertEquals(1, del.getPrevKvs(0).getModRevision());
    assertEquals(0, s.range(StoreDriver.prefix("a/").build()).getCount());
    assertEquals("vb", s.value("b"));
    assertEquals("va", s.value("a"));
    assertEquals(2, s.status().getKeyCount());
  }

  @Test
  void requestsOfOneCommandSeeEachOther() throws IOException {
    CommandResult r = s.write(put("k", "1"), putPrev("k", "2"), delete("k"), put("k", "3"));
    assertEquals(1, r.getResponses(0).getPut().getRevision());
    assertEquals(2, r.getResponses(1).getPut().getRevision());
    assertEquals("1", r.getResponses(1).getPut().getPrevKv().getValue().toStringUtf8());
    assertEquals(3, r.getResponses(2).getDeleteRange().getRevision());
    assertEquals("2", r.getResponses(2).getDeleteRange().getPrevKvs(0).getValue().toStringUtf8());
    assertEquals(2, r.getResponses(2).getDeleteRange().getPrevKvs(0).getVersion());
    KeyValue k = s.get("k").getKvs(0);
    assertEquals(4, k.getCreateRevision());
    assertEquals(1, k.getVersion());
    assertEquals(4, r.getHeader().getRevision());
  }

  @Test
  void putWithoutPrevKvRequestOmitsIt() throws IOException {
    s.write(put("k", "1"));
    assertFalse(s.writeOne(put("k", "2")).getPut().hasPrevKv());
  }

  @Test
  void aFailedRequestDoesNotAffectTheOthers() throws IOException {
    Request withLease = Request.newBuilder()
        .setPut(PutRequest.newBuilder().setKey(bs("l")).setValue(bs("v")).setLease(5)).build();
    CommandResult r = s.write(withLease, put("x", "1"));

    assertEquals(ErrorCode.NOT_FOUND, r.getResponses(0).getError().getCode());
    assertEquals("put: lease 5 not found", r.getResponses(0).getError().getMessage());
    assertEquals(1, r.getResponses(1).getPut().getRevision());
    assertEquals(0, s.get("l").getCount());
    assertEquals(1, s.store.revision());
  }

  @Test
  void aReadInACommandIsRefusedWithoutApplying() throws IOException {
    Request range = Request.newBuilder().setRange(RangeRequest.newBuilder().setKey(bs("a"))).build();
    CommandResult r = s.write(range, put("a", "1"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, r.getResponses(0).getError().getCode());
    assertTrue(r.getResponses(1).hasPut());
  }

  @Test
  void headerReportsRevisionAppliedIndexAndCompaction() throws IOException {
    s.write(put("a", "1"));
    s.write(put("a", "2"));
    assertTrue(s.store.compact(1).isEmpty());
    CommandResult r = s.write(put("b", "1"));
    assertEquals(3, r.getHeader().getRevision());
    assertEquals(3, r.getHeader().getAppliedIndex());
    assertEquals(1, r.getHeader().getCompactRevision());
    assertEquals("", r.getHeader().getMemberId());
    assertEquals(3, s.store.appliedIndex());
    assertEquals(1, s.store.appliedTerm());
  }
}
