package dev.pop.server.store;

import dev.pop.proto.ErrorCode;
import dev.pop.proto.LockHeld;
import dev.pop.proto.LogAppendRequest;
import dev.pop.proto.LogListRequest;
import dev.pop.proto.LogReadRequest;
import dev.pop.proto.LogReadResponse;
import dev.pop.proto.LogTrimRequest;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.pop.server.store.Ops.grant;
import static dev.pop.server.store.Ops.lock;
import static dev.pop.server.store.Ops.unlock;
import static dev.pop.server.store.StoreDriver.bs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Log streams: dense seqs, expected_seq and fence checks, reads, trims, tailing reads, the quota's measure. */
class LogStreamTest {
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

  static Request append(String stream, String data, long expectedSeq) {
    return Request.newBuilder().setLogAppend(LogAppendRequest.newBuilder().setStream(stream).setData(bs(data))
        .setExpectedSeq(expectedSeq)).build();
  }

  static Request read(String stream, long from, long limit) {
    return Request.newBuilder().setLogRead(LogReadRequest.newBuilder().setStream(stream).setFromSeq(from)
        .setLimit(limit)).build();
  }

  static Request trim(String stream, long upto) {
    return Request.newBuilder().setLogTrim(LogTrimRequest.newBuilder().setStream(stream).setUptoSeq(upto)).build();
  }

  private static List<String> data(LogReadResponse r) {
    return r.getEntriesList().stream().map(e -> e.getSeq() + ":" + e.getData().toStringUtf8()).toList();
  }

  @Test
  void appendsGetDenseSeqsFromOneAndReadsReturnThemInOrder() throws IOException {
    assertEquals(1, s.writeOne(append("orders", "a", 0)).getLogAppend().getSeq());
    assertEquals(2, s.writeOne(append("orders", "b", 0)).getLogAppend().getSeq());
    assertEquals(3, s.writeOne(append("orders", "c", 3)).getLogAppend().getSeq());
    assertEquals(1, s.writeOne(append("other", "x", 0)).getLogAppend().getSeq());
    LogReadResponse r = s.query(read("orders", 2, 0)).getLogRead();
    assertEquals(List.of("2:b", "3:c"), data(r));
    assertEquals(1, r.getFirstSeq());
    assertEquals(3, r.getLastSeq());
    assertEquals(List.of("1:a"), data(s.query(read("orders", 0, 1)).getLogRead()));
    assertEquals(List.of(), data(s.query(read("orders", 4, 0)).getLogRead()));
  }

  @Test
  void aWrongExpectedSeqIsAConflictAndAppendsNothing() throws IOException {
    s.writeOne(append("s", "a", 0));
    Response r = s.writeOne(append("s", "b", 1));
    assertEquals(ErrorCode.CONFLICT, r.getError().getCode());
    assertTrue(r.getError().getMessage().contains("next seq is 2"), r.getError().getMessage());
    assertEquals(1, s.query(read("s", 0, 0)).getLogRead().getLastSeq());
  }

  @Test
  void anAppendUnderAStaleFenceIsRefused() throws IOException {
    long lease = s.writeOne(grant(10_000)).getLeaseGrant().getId();
    long fence = s.writeOne(lock("saga/1", lease)).getLock().getFence();
    Request fenced = Request.newBuilder().setLogAppend(LogAppendRequest.newBuilder().setStream("saga/1")
        .setData(bs("step")).setLockHeld(LockHeld.newBuilder().setName("saga/1").setFence(fence))).build();
    assertEquals(1, s.writeOne(fenced).getLogAppend().getSeq());
    s.write(unlock("saga/1", fence));
    Response stale = s.writeOne(fenced);
    assertEquals(ErrorCode.CONFLICT, stale.getError().getCode());
    assertTrue(stale.getError().getMessage().contains("fence " + fence), stale.getError().getMessage());
    assertEquals(1, s.query(read("saga/1", 0, 0)).getLogRead().getLastSeq());
  }

  @Test
  void trimDropsThePrefixKeepsSeqsAndFreesTheQuotaBytes() throws IOException {
    long before = s.status().getStoreBytes();
    for (int i = 1; i <= 5; i++) {
      s.write(append("t", "entry" + i, 0));
    }
    assertEquals(before + 5 * (6 + 8), s.status().getStoreBytes());
    assertEquals(3, s.writeOne(trim("t", 3)).getLogTrim().getTrimmed());
    assertEquals(before + 2 * (6 + 8), s.status().getStoreBytes());
    Response trimmed = s.query(read("t", 2, 0));
    assertEquals(ErrorCode.COMPACTED, trimmed.getError().getCode());
    assertEquals(List.of("4:entry4", "5:entry5"), data(s.query(read("t", 0, 0)).getLogRead()));
    assertEquals(6, s.writeOne(append("t", "entry6", 6)).getLogAppend().getSeq());
    assertEquals(0, s.writeOne(trim("t", 2)).getLogTrim().getTrimmed()); // already trimmed: nothing to do
  }

  @Test
  void badTrimsAndUnknownStreamsGetClearErrors() throws IOException {
    s.write(append("t", "a", 0));
    Response beyond = s.writeOne(trim("t", 5));
    assertEquals(ErrorCode.INVALID_ARGUMENT, beyond.getError().getCode());
    assertTrue(beyond.getError().getMessage().contains("beyond the end"), beyond.getError().getMessage());
    assertEquals(ErrorCode.NOT_FOUND, s.writeOne(trim("nope", 1)).getError().getCode());
    assertEquals(ErrorCode.NOT_FOUND, s.query(read("nope", 0, 0)).getError().getCode());
  }

  @Test
  void listsStreamsByPrefix() throws IOException {
    s.write(append("saga/1", "a", 0), append("saga/2", "a", 0), append("saga/2", "b", 0), append("orders", "x", 0));
    var list = s.query(Request.newBuilder().setLogList(LogListRequest.newBuilder().setPrefix("saga/")).build())
        .getLogList();
    assertEquals(List.of("saga/1:1", "saga/2:2"),
        list.getStreamsList().stream().map(i -> i.getStream() + ":" + i.getLastSeq()).toList());
    assertFalse(list.getMore());
    assertEquals(3, s.query(Request.newBuilder().setLogList(LogListRequest.getDefaultInstance()).build())
        .getLogList().getStreamsCount());
  }

  @Test
  void aTailingReadWaitsForTheNextAppend() throws Exception {
    s.write(append("tail", "a", 0));
    CompletableFuture<QueryResult> parked = s.store.queryAsync(Query.newBuilder().addRequests(
        Request.newBuilder().setLogRead(LogReadRequest.newBuilder().setStream("tail").setFromSeq(2).setWaitMs(30_000)))
        .build());
    assertFalse(parked.isDone());
    s.write(append("other", "x", 0));
    Thread.sleep(100);
    assertFalse(parked.isDone());
    s.write(append("tail", "b", 0));
    assertEquals(List.of("2:b"), data(parked.get(5, TimeUnit.SECONDS).getResponses(0).getLogRead()));
  }

  @Test
  void streamsSurviveAReopen() throws IOException {
    s.write(append("d", "a", 0), append("d", "b", 0));
    s.reopen();
    assertEquals(3, s.writeOne(append("d", "c", 3)).getLogAppend().getSeq());
  }
}
