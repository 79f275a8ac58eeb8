package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.CommandResult;
import dev.pop.proto.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;

import static dev.pop.server.store.StoreDriver.client;
import static dev.pop.server.store.StoreDriver.delete;
import static dev.pop.server.store.StoreDriver.put;
import static dev.pop.server.store.StoreDriver.putPrev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTest {
  private static final ByteString A = client(1);
  private static final ByteString B = client(2);

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
  void aRetryIsAnsweredWithTheOriginalResponsesAndNotApplied() throws IOException {
    s.write(put("k", "0"));
    CommandResult first = s.session(A, 1, 0, putPrev("k", "1"), delete("missing"));
    s.write(put("k", "2"));
    CommandResult retry = s.session(A, 1, 0, putPrev("k", "1"), delete("missing"));

    assertEquals(first.getResponsesList(), retry.getResponsesList());
    assertEquals(2, retry.getResponses(0).getPut().getRevision());
    assertEquals("0", retry.getResponses(0).getPut().getPrevKv().getValue().toStringUtf8());
    assertEquals(3, retry.getHeader().getRevision());
    assertEquals(3, s.store.revision());
    assertEquals("2", s.value("k"));
    assertEquals(3, s.get("k").getKvs(0).getVersion());
  }

  @Test
  void sessionsArePerClient() throws IOException {
    s.session(A, 1, 0, put("a", "1"));
    CommandResult b = s.session(B, 1, 0, put("b", "1"));
    assertEquals(2, b.getResponses(0).getPut().getRevision());
    assertEquals(2, s.store.revision());
  }

  @Test
  void acknowledgedResultsAreForgottenAndTheirRetriesRefused() throws IOException {
    s.session(A, 1, 0, put("k", "1"));
    s.session(A, 2, 0, put("k", "2"));
    assertTrue(hasResult(A, 1));
    s.session(A, 3, 2, put("k", "3"));

    assertTrue(!hasResult(A, 1));
    assertTrue(hasResult(A, 2));
    CommandResult late = s.session(A, 1, 0, put("k", "again"), put("j", "again"));
    assertEquals(2, late.getResponsesCount());
    for (var r : late.getResponsesList()) {
      assertEquals(ErrorCode.INVALID_ARGUMENT, r.getError().getCode());
      assertTrue(r.getError().getMessage().startsWith("request already acknowledged"), r.getError().getMessage());
    }
    assertEquals(3, s.store.revision());
    // request 2 is not acknowledged yet: its retry is still answered
    assertEquals(2, s.session(A, 2, 0, put("k", "2")).getResponses(0).getPut().getRevision());
    assertEquals("3", s.value("k"));
  }

  @Test
  void anIdleSessionExpiresByLeaderTime() throws IOException {
    s.timeMs = 1_000_000;
    s.session(A, 1, 0, put("a", "1"));
    s.timeMs += SessionTable.IDLE_EXPIRY_MS;
    s.session(B, 1, 0, put("b", "1"));
    assertTrue(hasSession(A), "idle exactly the expiry time: kept");

    s.timeMs += 1;
    s.session(B, 2, 0, put("b", "2"));
    assertTrue(!hasSession(A));
    assertTrue(!hasResult(A, 1));
    assertTrue(hasSession(B));
    // the session is gone, so a (very late) retry is applied again
    assertEquals(4, s.session(A, 1, 0, put("a", "1")).getResponses(0).getPut().getRevision());
  }

  @Test
  void aBusyClientDoesNotExpire() throws IOException {
    for (int i = 1; i <= 5; i++) {
      s.session(A, i, i - 1, put("a", "" + i));
      s.timeMs += SessionTable.IDLE_EXPIRY_MS / 2;
    }
    s.session(B, 1, 0, put("b", "1"));
    assertTrue(hasSession(A));
  }

  @Test
  void theExpiryIndexMayLagButOnlyTheExactIdleTimeCounts() throws IOException {
    long start = s.timeMs;
    s.session(A, 1, 0, put("a", "1"));
    // less than the index granularity later: the index still says `start`
    s.timeMs = start + SessionTable.INDEX_GRANULARITY_MS - 1;
    s.session(A, 2, 1, put("a", "2"));
    assertTrue(hasIndexEntry(A, start));

    s.timeMs = start + SessionTable.IDLE_EXPIRY_MS + 30_000;
    s.session(B, 1, 0, put("b", "1"));
    assertTrue(hasSession(A), "idle only " + (s.timeMs - (start + SessionTable.INDEX_GRANULARITY_MS - 1)) + " ms");
    assertTrue(hasIndexEntry(A, start + SessionTable.INDEX_GRANULARITY_MS - 1), "re-indexed at its last command");
    assertTrue(!hasIndexEntry(A, start));

    s.timeMs = start + SessionTable.INDEX_GRANULARITY_MS + SessionTable.IDLE_EXPIRY_MS;
    s.session(B, 2, 1, put("b", "2"));
    assertTrue(!hasSession(A));
  }

  @Test
  void expiryIsBoundedPerEntry() throws IOException {
    int clients = SessionTable.MAX_EXPIRIES_PER_ENTRY + 3;
    for (int c = 10; c < 10 + clients; c++) {
      s.session(client(c), 1, 0, put("c" + c, "1"));
    }
    s.timeMs += SessionTable.IDLE_EXPIRY_MS + 1;
    s.write(put("x", "1"));
    assertEquals(3, count(KeySpace.SESSION));
    s.write(put("x", "2"));
    assertEquals(0, count(KeySpace.SESSION));
    assertEquals(0, count(KeySpace.EXPIRY));
    assertEquals(0, count(KeySpace.RESULT));
  }

  @Test
  void theOldestUnacknowledgedResultIsDroppedPastTheCap() throws IOException {
    for (int i = 1; i <= SessionTable.MAX_RESULTS_PER_CLIENT + 1; i++) {
      s.session(A, i, 0, put("k", "" + i));
    }
    assertEquals(SessionTable.MAX_RESULTS_PER_CLIENT, count(KeySpace.RESULT));
    CommandResult first = s.session(A, 1, 0, put("k", "1"));
    assertEquals(ErrorCode.UNKNOWN_OUTCOME, first.getResponses(0).getError().getCode());
    assertEquals(2, s.session(A, 2, 0, put("k", "2")).getResponses(0).getPut().getRevision());
    assertEquals(SessionTable.MAX_RESULTS_PER_CLIENT + 1, s.store.revision());
  }

  @Test
  void aReplayedEntryIsAnsweredFromItsSession() throws IOException {
    CommandResult original = s.session(A, 1, 0, put("a", "1"));
    CommandResult replay = s.store.apply(1, 1, StoreDriver.entry(s.timeMs, StoreDriver.command(A, 1, 0, put("a", "1"))));
    assertEquals(original.getResponsesList(), replay.getResponsesList());
    assertEquals(1, s.store.revision());
  }

  private boolean hasResult(ByteString client, long requestId) {
    String key = HexFormat.of().formatHex(KeySpace.result(client, requestId)) + "=";
    return s.store.rawContents().stream().anyMatch(e -> e.startsWith(key));
  }

  private boolean hasIndexEntry(ByteString client, long timeMs) {
    String key = HexFormat.of().formatHex(KeySpace.expiry(timeMs, client)) + "=";
    return s.store.rawContents().stream().anyMatch(e -> e.startsWith(key));
  }

  private boolean hasSession(ByteString client) {
    String key = HexFormat.of().formatHex(KeySpace.session(client)) + "=";
    return s.store.rawContents().stream().anyMatch(e -> e.startsWith(key));
  }

  private long count(byte prefix) {
    String hex = String.format("%02x", prefix);
    return s.store.rawContents().stream().filter(e -> e.startsWith(hex)).count();
  }
}
