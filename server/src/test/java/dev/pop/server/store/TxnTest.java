package dev.pop.server.store;

import dev.pop.proto.Compare;
import dev.pop.proto.Compare.Op;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.KeyValue;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.TxnResponse;
import dev.pop.server.apply.Limits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.pop.server.store.Ops.exists;
import static dev.pop.server.store.Ops.get;
import static dev.pop.server.store.Ops.increment;
import static dev.pop.server.store.Ops.on;
import static dev.pop.server.store.Ops.putLease;
import static dev.pop.server.store.Ops.txn;
import static dev.pop.server.store.Ops.value;
import static dev.pop.server.store.Ops.version;
import static dev.pop.server.store.StoreDriver.delete;
import static dev.pop.server.store.StoreDriver.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TxnTest {
  @TempDir Path dir;
  StoreDriver s;

  @BeforeEach
  void open() throws IOException {
    s = new StoreDriver(dir);
    // k: value "m", created at 1, modified at 3, version 2; other: at 2
    s.write(put("k", "a"));
    s.write(put("other", "x"));
    s.write(put("k", "m"));
  }

  @AfterEach
  void close() throws IOException {
    s.close();
  }

  private TxnResponse run(Request txn) throws IOException {
    Response r = s.writeOne(txn);
    assertFalse(r.hasError(), () -> "unexpected " + r.getError());
    return r.getTxn();
  }

  private boolean holds(Compare c) throws IOException {
    return run(txn(List.of(c), List.of(), List.of())).getSucceeded();
  }

  @Test
  void everyTargetWithEveryOperator() throws IOException {
    Object[][] table = {
        // target, op, operand, expected on k (value "m", version 2, create 1, mod 3, lease 0)
        {"value", Op.EQUAL, "m", true}, {"value", Op.NOT_EQUAL, "m", false},
        {"value", Op.LESS, "n", true}, {"value", Op.LESS, "m", false}, {"value", Op.GREATER, "l", true},
        {"value", Op.GREATER, "mm", false},
        {"version", Op.EQUAL, 2L, true}, {"version", Op.NOT_EQUAL, 2L, false}, {"version", Op.LESS, 3L, true},
        {"version", Op.GREATER, 2L, false},
        {"create", Op.EQUAL, 1L, true}, {"create", Op.GREATER, 0L, true}, {"create", Op.LESS, 1L, false},
        {"mod", Op.EQUAL, 3L, true}, {"mod", Op.LESS, 3L, false}, {"mod", Op.NOT_EQUAL, 2L, true},
        {"lease", Op.EQUAL, 0L, true}, {"lease", Op.GREATER, 0L, false}, {"lease", Op.NOT_EQUAL, 5L, true},
        {"exists", Op.EQUAL, true, true}, {"exists", Op.NOT_EQUAL, true, false}, {"exists", Op.EQUAL, false, false},
    };
    for (Object[] row : table) {
      Compare.Builder c = on("k", (Op) row[1]);
      switch ((String) row[0]) {
        case "value" -> c.setValue(Ops.utf8((String) row[2]));
        case "version" -> c.setVersion((Long) row[2]);
        case "create" -> c.setCreateRevision((Long) row[2]);
        case "mod" -> c.setModRevision((Long) row[2]);
        case "lease" -> c.setLease((Long) row[2]);
        default -> c.setExists((Boolean) row[2]);
      }
      assertEquals(row[3], holds(c.build()), () -> java.util.Arrays.toString(row));
    }
    assertEquals(3, s.store.revision(), "compares alone take no revision");
  }

  @Test
  void aMissingKeyHasZerosAndNoValue() throws IOException {
    assertFalse(holds(value("missing", Op.EQUAL, "")), "a value compare on a missing key is false");
    assertFalse(holds(value("missing", Op.NOT_EQUAL, "x")));
    assertTrue(holds(version("missing", Op.EQUAL, 0)));
    assertTrue(holds(on("missing", Op.EQUAL).setCreateRevision(0).build()));
    assertTrue(holds(on("missing", Op.EQUAL).setLease(0).build()));
    assertTrue(holds(exists("missing", false)));
  }

  @Test
  void theBranchFollowsTheCompares() throws IOException {
    TxnResponse yes = run(txn(List.of(value("k", Op.EQUAL, "m"), exists("other", true)),
        List.of(put("a", "1")), List.of(put("b", "1"))));
    assertTrue(yes.getSucceeded());
    assertEquals("1", s.value("a"));
    assertNull(s.value("b"));

    TxnResponse no = run(txn(List.of(value("k", Op.EQUAL, "m"), exists("other", false)),
        List.of(put("a", "2")), List.of(put("b", "1"), get("a"))));
    assertFalse(no.getSucceeded(), "one false compare is enough");
    assertEquals("1", s.value("a"));
    assertEquals("1", s.value("b"));
    assertEquals(2, no.getResponsesCount());
    assertEquals("1", no.getResponses(1).getRange().getKvs(0).getValue().toStringUtf8());
  }

  @Test
  void allWritesOfATxnShareOneRevision() throws IOException {
    TxnResponse r = run(txn(List.of(), List.of(put("a", "1"), put("b", "1"), delete("other"), increment("n", 5)),
        List.of()));
    assertEquals(4, r.getRevision());
    assertEquals(4, r.getResponses(0).getPut().getRevision());
    assertEquals(4, r.getResponses(1).getPut().getRevision());
    assertEquals(4, r.getResponses(2).getDeleteRange().getRevision());
    assertEquals(4, r.getResponses(3).getIncrement().getRevision());
    assertEquals(4, s.store.revision());
    // history: before the txn nothing of it is visible, at its revision all of it
    assertEquals(0, s.range(StoreDriver.key("a").setRevision(3).build()).getCount());
    assertEquals(1, s.range(StoreDriver.key("other").setRevision(3).build()).getCount());
    assertEquals(1, s.range(StoreDriver.key("a").setRevision(4).build()).getCount());
    assertEquals(0, s.range(StoreDriver.key("other").setRevision(4).build()).getCount());
  }

  @Test
  void aTxnThatChangesNoKeyTakesNoRevision() throws IOException {
    TxnResponse reads = run(txn(List.of(exists("k", true)), List.of(get("k"), get("other")), List.of()));
    assertEquals(3, reads.getRevision());
    TxnResponse nothingDeleted = run(txn(List.of(), List.of(delete("missing")), List.of()));
    assertEquals(3, nothingDeleted.getRevision());
    assertEquals(3, s.store.revision());
  }

  @Test
  void requestsSeeTheEarlierOnesOfTheTxn() throws IOException {
    TxnResponse r = run(txn(List.of(), List.of(put("c", "1"), get("c"), increment("n", 2), increment("n", 3),
        put("c", "2"), get("c"), delete("c"), get("c")), List.of()));
    assertEquals("1", r.getResponses(1).getRange().getKvs(0).getValue().toStringUtf8());
    assertEquals(5, r.getResponses(3).getIncrement().getValue());
    KeyValue second = r.getResponses(5).getRange().getKvs(0);
    assertEquals("2", second.getValue().toStringUtf8());
    assertEquals(2, second.getVersion());
    assertEquals(4, second.getCreateRevision());
    assertEquals(0, r.getResponses(7).getRange().getCount());
    assertEquals("5", s.value("n"));
    assertNull(s.value("c"));
  }

  @Test
  void aKeyWrittenTwiceInATxnCountsOnceForTheQuota() throws IOException {
    long before = s.store.logicalSize();
    run(txn(List.of(), List.of(put("z", "aaaa"), put("z", "bb")), List.of()));
    // history and current state each hold z = "bb" once: 2 × (1 + 2)
    assertEquals(before + 6, s.store.logicalSize());
    run(txn(List.of(), List.of(put("y", "aaaa"), delete("y")), List.of()));
    // only the tombstone (its key) stays, in history
    assertEquals(before + 7, s.store.logicalSize());
    s.store.compact(s.store.revision());
    // compaction frees k's old version "a" (2 bytes) and y's tombstone (1): exactly what was counted
    assertEquals(before + 7 - 3, s.store.logicalSize());
  }

  @Test
  void aRefusedRequestRefusesTheWholeTxn() throws IOException {
    long revision = s.store.revision();
    Response r = s.writeOne(txn(List.of(), List.of(put("a", "1"), increment("n", 1), putLease("b", "1", 9)),
        List.of()));
    assertEquals(ErrorCode.NOT_FOUND, r.getError().getCode());
    assertEquals("txn: success[2].put: lease 9 not found", r.getError().getMessage());
    assertNull(s.value("a"));
    assertNull(s.value("n"));
    assertEquals(revision, s.store.revision());

    s.write(put("n", "0"));
    Response bound = s.writeOne(txn(List.of(exists("n", true)), List.of(put("a", "1"), increment("n", -1, 0L, null)),
        List.of()));
    assertEquals(ErrorCode.CONFLICT, bound.getError().getCode());
    assertTrue(bound.getError().getMessage().startsWith("txn: success[1].increment: key \"n\" is 0"),
        bound.getError().getMessage());
    assertNull(s.value("a"));
    assertEquals("0", s.value("n"));
  }

  @Test
  void aRefusedTxnLeavesTheOtherRequestsOfItsCommandAlone() throws IOException {
    var result = s.write(put("before", "1"), txn(List.of(), List.of(put("a", "1"), putLease("b", "1", 9)), List.of()),
        put("after", "1"));
    assertTrue(result.getResponses(0).hasPut());
    assertTrue(result.getResponses(1).hasError());
    assertEquals(5, result.getResponses(2).getPut().getRevision(), "the refused txn took no revision");
    assertEquals("1", s.value("before"));
    assertEquals("1", s.value("after"));
    assertNull(s.value("a"));
  }

  @Test
  void aReadOnlyTxnIsAnsweredInAQuery() {
    Response r = s.query(txn(List.of(value("k", Op.EQUAL, "m")), List.of(get("k")), List.of(get("other"))));
    assertTrue(r.getTxn().getSucceeded());
    assertEquals("m", r.getTxn().getResponses(0).getRange().getKvs(0).getValue().toStringUtf8());
    assertEquals(3, r.getTxn().getRevision());
    Response failed = s.query(txn(List.of(value("k", Op.EQUAL, "zz")), List.of(get("k")), List.of(get("other"))));
    assertFalse(failed.getTxn().getSucceeded());
    assertEquals("x", failed.getTxn().getResponses(0).getRange().getKvs(0).getValue().toStringUtf8());
  }

  @Test
  void quotaRefusesTheTxnWhole() throws IOException {
    try (StoreDriver tiny = new StoreDriver(dir.resolve("tiny"), Limits.DEFAULT.withQuotaBytes(25))) {
      Response r = tiny.writeOne(txn(List.of(), List.of(put("a", "1234"), put("b", "1234"), put("c", "1234")),
          List.of()));
      assertEquals(ErrorCode.NO_SPACE, r.getError().getCode());
      assertEquals(0, tiny.store.revision());
      assertTrue(tiny.writeOne(txn(List.of(), List.of(put("a", "1234")), List.of())).hasTxn());
    }
  }
}
