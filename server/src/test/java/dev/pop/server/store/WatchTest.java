package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.CompactRequest;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.Event;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.WatchRequest;
import dev.pop.proto.WatchResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.pop.server.store.StoreDriver.bs;
import static dev.pop.server.store.StoreDriver.delete;
import static dev.pop.server.store.StoreDriver.prefixEnd;
import static dev.pop.server.store.StoreDriver.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Watches answered from the change index: ordered, gapless, duplicate-free, resumable, parked until news. */
class WatchTest {
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

  static WatchRequest.Builder prefix(String p) {
    return WatchRequest.newBuilder().setKey(bs(p)).setRangeEnd(prefixEnd(bs(p)));
  }

  private Response watch(WatchRequest.Builder w) {
    return s.query(Request.newBuilder().setWatch(w).build());
  }

  private static List<String> show(WatchResponse r) {
    List<String> out = new ArrayList<>();
    for (Event e : r.getEventsList()) {
      out.add(e.getType() + " " + e.getKv().getKey().toStringUtf8() + "=" + e.getKv().getValue().toStringUtf8()
          + "@" + e.getKv().getModRevision());
    }
    return out;
  }

  @Test
  void reportsThePrefixChangesInRevisionOrderWithPrevValues() throws IOException {
    s.write(put("app/a", "1"));        // rev 1
    s.write(put("other", "x"));        // rev 2
    s.write(put("app/b", "2"));        // rev 3
    s.write(put("app/a", "3"));        // rev 4
    s.write(delete("app/b"));          // rev 5
    WatchResponse r = watch(prefix("app/").setStartRevision(1).setPrevKv(true)).getWatch();
    assertEquals(List.of("PUT app/a=1@1", "PUT app/b=2@3", "PUT app/a=3@4", "DELETE app/b=@5"), show(r));
    assertEquals(6, r.getNextRevision());
    assertEquals(5, r.getRevision());
    assertEquals("1", r.getEvents(2).getPrevKv().getValue().toStringUtf8());
    assertEquals("2", r.getEvents(3).getPrevKv().getValue().toStringUtf8());
    assertFalse(r.getEvents(0).hasPrevKv());
  }

  @Test
  void aLimitedAnswerResumesWhereItStoppedEvenInsideARevision() throws IOException {
    // one txn-like Command changes three keys at one revision? each put is its own revision here; delete prefix
    // changes several keys at one revision
    s.write(put("p/a", "1"), put("p/b", "1"), put("p/c", "1"));
    s.write(StoreDriver.deletePrefix("p/"));
    List<String> all = new ArrayList<>();
    long next = 1;
    ByteString after = ByteString.EMPTY;
    for (int round = 0; round < 10; round++) {
      WatchResponse r = watch(prefix("p/").setStartRevision(next).setStartAfterKey(after).setLimit(2)).getWatch();
      all.addAll(show(r));
      next = r.getNextRevision();
      after = r.getNextAfterKey();
      if (r.getEventsCount() == 0) {
        break;
      }
    }
    assertEquals(List.of("PUT p/a=1@1", "PUT p/b=1@2", "PUT p/c=1@3", "DELETE p/a=@4", "DELETE p/b=@4",
        "DELETE p/c=@4"), all);
    assertEquals(5, next);
  }

  @Test
  void startZeroMeansFromTheNextChangeAndAnIdleAnswerIsAProgressNotification() throws IOException {
    s.write(put("k", "1"));
    WatchResponse idle = watch(WatchRequest.newBuilder().setKey(bs("k"))).getWatch();
    assertEquals(0, idle.getEventsCount());
    assertEquals(2, idle.getNextRevision());
    s.write(put("k", "2"));
    assertEquals(List.of("PUT k=2@2"), show(watch(WatchRequest.newBuilder().setKey(bs("k"))
        .setStartRevision(idle.getNextRevision())).getWatch()));
  }

  @Test
  void aCompactedStartIsRefusedWithTheCompactRevision() throws IOException {
    s.write(put("k", "1"));
    s.write(put("k", "2"));
    s.write(put("k", "3"));
    Response compacted = s.writeOne(Request.newBuilder().setCompact(CompactRequest.newBuilder().setRevision(2)).build());
    assertEquals(2, compacted.getCompact().getCompactRevision());
    Response r = watch(WatchRequest.newBuilder().setKey(bs("k")).setStartRevision(2));
    assertEquals(ErrorCode.COMPACTED, r.getError().getCode());
    assertEquals(2, r.getError().getCompactRevision());
    assertEquals(List.of("PUT k=3@3"), show(watch(WatchRequest.newBuilder().setKey(bs("k")).setStartRevision(3)
        .setPrevKv(true)).getWatch()));
    // the version kept at the compaction point is still the previous value of the next change
    assertEquals("2", watch(WatchRequest.newBuilder().setKey(bs("k")).setStartRevision(3).setPrevKv(true))
        .getWatch().getEvents(0).getPrevKv().getValue().toStringUtf8());
  }

  @Test
  void compactRefusesFutureAndAlreadyCompactedRevisions() throws IOException {
    s.write(put("k", "1"));
    s.write(put("k", "2"));
    Response future = s.writeOne(Request.newBuilder().setCompact(CompactRequest.newBuilder().setRevision(9)).build());
    assertEquals(ErrorCode.INVALID_ARGUMENT, future.getError().getCode());
    s.writeOne(Request.newBuilder().setCompact(CompactRequest.newBuilder().setRevision(2)).build());
    Response again = s.writeOne(Request.newBuilder().setCompact(CompactRequest.newBuilder().setRevision(1)).build());
    assertEquals(ErrorCode.COMPACTED, again.getError().getCode());
  }

  @Test
  void aWaitingWatchIsAnsweredByTheCommitThatBringsAMatchingChange() throws Exception {
    s.write(put("w/a", "0"));
    CompletableFuture<QueryResult> parked = s.store.queryAsync(Query.newBuilder().addRequests(
        Request.newBuilder().setWatch(prefix("w/").setStartRevision(2).setWaitMs(30_000))).build());
    assertFalse(parked.isDone());
    s.write(put("elsewhere", "x")); // no match: stays parked
    Thread.sleep(100);
    assertFalse(parked.isDone());
    assertEquals(1, s.store.parkedReads());
    s.write(put("w/b", "1"));
    WatchResponse r = parked.get(5, TimeUnit.SECONDS).getResponses(0).getWatch();
    assertEquals(List.of("PUT w/b=1@3"), show(r));
    assertEquals(0, s.store.parkedReads());
  }

  @Test
  void aWaitingWatchWithoutChangesAnswersAfterWaitMsAsProgress() throws Exception {
    s.write(put("k", "1"));
    long start = System.nanoTime();
    QueryResult r = s.store.queryAsync(Query.newBuilder().addRequests(Request.newBuilder().setWatch(
        WatchRequest.newBuilder().setKey(bs("k")).setStartRevision(2).setWaitMs(200))).build()).get(5, TimeUnit.SECONDS);
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
    assertEquals(0, r.getResponses(0).getWatch().getEventsCount());
    assertEquals(2, r.getResponses(0).getWatch().getNextRevision());
  }

  @Test
  void aTxnChangingSeveralKeysReportsEachOnceAtOneRevision() throws IOException {
    s.write(Ops.txn(List.of(), List.of(put("t/a", "1"), put("t/b", "2"), put("t/a", "3")), List.of()));
    WatchResponse r = watch(prefix("t/").setStartRevision(1)).getWatch();
    assertEquals(List.of("PUT t/a=3@1", "PUT t/b=2@1"), show(r));
  }
}
