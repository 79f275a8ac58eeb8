package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.Error;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.KeyValue;
import dev.pop.proto.RangeResponse;
import dev.pop.proto.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import static dev.pop.server.store.StoreDriver.assertKeys;
import static dev.pop.server.store.StoreDriver.delete;
import static dev.pop.server.store.StoreDriver.key;
import static dev.pop.server.store.StoreDriver.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HistoryTest {
  private static final ByteString ALL = ByteString.copyFrom(new byte[] {0});

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

  /** r1 a=1, r2 a=2, r3 b=1, r4 delete a, r5 a=3. */
  private void writeHistory() throws IOException {
    s.write(put("a", "1"));
    s.write(put("a", "2"));
    s.write(put("b", "1"));
    s.write(delete("a"));
    s.write(put("a", "3"));
  }

  private RangeResponse all(long revision) {
    return s.range(key("a").setRangeEnd(ALL).setRevision(revision).build());
  }

  private KeyValue a(long revision) {
    RangeResponse r = s.range(key("a").setRevision(revision).build());
    return r.getKvsCount() == 0 ? null : r.getKvs(0);
  }

  @Test
  void readsTheStoreAsOfAnOlderRevision() throws IOException {
    writeHistory();
    assertKeys(all(1), "a");
    assertEquals("1", all(1).getKvs(0).getValue().toStringUtf8());
    assertKeys(all(3), "a", "b");
    assertEquals("2", a(3).getValue().toStringUtf8());
    assertEquals(2, a(3).getVersion());
    assertEquals(1, a(3).getCreateRevision());
    assertEquals(2, a(3).getModRevision());
    assertKeys(all(4), "b");
    assertEquals(null, a(4));
    assertEquals(1, all(4).getCount());
    assertEquals("3", a(5).getValue().toStringUtf8());
    assertEquals(5, a(5).getCreateRevision());
    assertEquals(1, a(5).getVersion());
    assertEquals(all(0), all(5));
  }

  @Test
  void aFutureRevisionIsRefused() throws IOException {
    writeHistory();
    Response r = s.read(key("a").setRevision(6).build());
    assertEquals(ErrorCode.INVALID_ARGUMENT, r.getError().getCode());
    assertEquals("required revision 6 is a future revision, current is 5", r.getError().getMessage());
  }

  @Test
  void compactionRefusesOlderReadsAndKeepsNewerOnes() throws IOException {
    writeHistory();
    RangeResponse at3 = all(3);
    RangeResponse at4 = all(4);
    assertEquals(Optional.empty(), s.store.compact(3));

    Response old = s.read(key("a").setRevision(2).build());
    assertEquals(ErrorCode.COMPACTED, old.getError().getCode());
    assertEquals(3, old.getError().getCompactRevision());
    assertEquals("required revision 2 has been compacted, compact revision is 3", old.getError().getMessage());
    assertEquals(at3, all(3));
    assertEquals(at4, all(4));
    assertEquals(3, s.status().getCompactRevision());
    assertEquals(3, s.store.compactRevision());
  }

  @Test
  void compactionOutsideTheHistoryIsRefused() throws IOException {
    writeHistory();
    assertEquals(Optional.empty(), s.store.compact(4));
    Error again = s.store.compact(4).orElseThrow();
    assertEquals(ErrorCode.COMPACTED, again.getCode());
    assertEquals(4, again.getCompactRevision());
    Error future = s.store.compact(9).orElseThrow();
    assertEquals(ErrorCode.INVALID_ARGUMENT, future.getCode());
    assertEquals("required revision 9 is a future revision, current is 5", future.getMessage());
  }

  @Test
  void compactionKeepsTheNewestVersionOfEachKey() throws IOException {
    s.write(put("a", "1"));
    s.write(put("a", "2"));
    s.write(put("a", "3"));
    long before = s.store.logicalSize();
    assertEquals(Optional.empty(), s.store.compact(2));

    assertEquals("2", a(2).getValue().toStringUtf8());
    assertEquals("3", a(3).getValue().toStringUtf8());
    // the version of r1 (key + value = 2 bytes) and its change marker are gone
    assertEquals(before - 2, s.store.logicalSize());
    assertEquals(2, historyEntries());
    assertEquals(1, rawWithPrefix(KeySpace.CHANGES));
  }

  @Test
  void compactionDropsTombstonesAndEverythingBeforeThem() throws IOException {
    s.write(put("a", "xx"));
    s.write(put("a", "yyy"));
    s.write(delete("a"));
    // history: a=xx (3) + a=yyy (4) + tombstone (1)
    assertEquals(8, s.store.logicalSize());
    assertEquals(Optional.empty(), s.store.compact(3));

    assertEquals(0, s.store.logicalSize());
    assertEquals(0, historyEntries());
    assertEquals(0, rawWithPrefix(KeySpace.CHANGES));
    assertEquals(0, all(3).getCount());
  }

  @Test
  void compactionSurvivesRestart() throws IOException {
    writeHistory();
    s.store.compact(3);
    s.reopen();
    assertEquals(ErrorCode.COMPACTED, s.read(key("a").setRevision(1).build()).getError().getCode());
    assertKeys(all(3), "a", "b");
  }

  @Test
  void compactionAfterCompactionOnlyVisitsNewChanges() throws IOException {
    writeHistory();
    s.store.compact(2);
    s.write(put("b", "2"));
    s.store.compact(6);
    // one version per live key remains: a=3 (r5), b=2 (r6)
    assertEquals(2, historyEntries());
    assertEquals(0, rawWithPrefix(KeySpace.CHANGES));
    assertEquals("3", a(6).getValue().toStringUtf8());
  }

  private long historyEntries() {
    return rawWithPrefix(KeySpace.HISTORY);
  }

  private long rawWithPrefix(byte prefix) {
    String hex = String.format("%02x", prefix);
    return s.store.rawContents().stream().filter(e -> e.startsWith(hex)).count();
  }
}
