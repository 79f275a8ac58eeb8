package dev.pop.server.store;

import dev.pop.proto.CommandResult;
import dev.pop.proto.LogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.pop.server.store.StoreDriver.client;
import static dev.pop.server.store.StoreDriver.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurabilityTest {
  @TempDir Path dir;

  @Test
  void aReplayedIndexChangesNothing() throws IOException {
    try (StoreDriver s = new StoreDriver(dir.resolve("s"))) {
      s.write(put("a", "1"));
      CommandResult replay = s.store.apply(1, 1, StoreDriver.entry(0, StoreDriver.command(
          com.google.protobuf.ByteString.EMPTY, 0, 0, put("a", "2"))));
      assertEquals(0, replay.getResponsesCount());
      assertEquals(1, replay.getHeader().getRevision());
      assertEquals("1", s.value("a"));
      assertEquals(1, s.store.appliedIndex());
      assertEquals(1, s.store.revision());
    }
  }

  @Test
  void anEntryWithoutBodyOnlyAdvancesTheAppliedIndex() throws IOException {
    try (StoreDriver s = new StoreDriver(dir.resolve("s"))) {
      s.write(put("a", "1"));
      CommandResult r = s.store.apply(2, 7, LogEntry.getDefaultInstance());
      assertEquals(0, r.getResponsesCount());
      assertEquals(7, r.getHeader().getAppliedIndex());
      assertEquals(7, s.store.appliedIndex());
      assertEquals(2, s.store.appliedTerm());
      assertEquals(1, s.store.revision());
    }
  }

  @Test
  void reopeningKeepsStateHistoryAndAppliedIndex() throws IOException {
    Path path = dir.resolve("s");
    java.util.List<String> before;
    try (StoreDriver s = new StoreDriver(path)) {
      s.term = 3;
      s.write(put("a", "1"));
      s.write(put("a", "2"), put("b", "1"));
      s.session(client(1), 1, 0, put("c", "1"));
      s.store.compact(1);
      before = s.store.rawContents();
    }
    try (StoreDriver s = new StoreDriver(path)) {
      assertEquals(3, s.store.appliedIndex());
      assertEquals(3, s.store.appliedTerm());
      assertEquals(4, s.store.revision());
      assertEquals(1, s.store.compactRevision());
      assertEquals("2", s.value("a"));
      assertEquals("1", s.range(StoreDriver.key("a").setRevision(1).build()).getKvs(0).getValue().toStringUtf8());
      assertEquals(before, s.store.rawContents());
      // the session came back too: the retry is answered, not applied
      assertEquals(4, s.session(client(1), 1, 0, put("c", "1")).getResponses(0).getPut().getRevision());
      assertEquals(4, s.store.revision());
    }
  }

  @Test
  void aCheckpointOpensAtItsAppliedIndexWithItsState() throws IOException {
    Path copy = dir.resolve("copy");
    java.util.List<String> atCheckpoint;
    try (StoreDriver s = new StoreDriver(dir.resolve("s"))) {
      s.write(put("a", "1"));
      s.write(put("b", "1"));
      s.session(client(1), 1, 0, put("c", "1"));
      atCheckpoint = s.store.rawContents();
      s.store.checkpoint(copy);
      s.write(put("a", "2"));
      assertThrows(IOException.class, () -> s.store.checkpoint(copy));
    }
    try (StoreDriver c = new StoreDriver(copy)) {
      assertEquals(3, c.store.appliedIndex());
      assertEquals(3, c.store.revision());
      assertEquals("1", c.value("a"));
      assertEquals(atCheckpoint, c.store.rawContents());
    }
  }

  /**
   * With the WAL off, a crash loses the writes that were not flushed yet: the store must come back at an earlier
   * applied index with exactly that index's state, and replaying the rest must end where no crash happened.
   */
  @Test
  void aCrashGoesBackToAnEarlierAppliedIndexExactly() throws IOException {
    java.util.List<String> atFlush;
    java.util.List<String> reference;
    try (StoreDriver s = new StoreDriver(dir.resolve("reference"))) {
      for (int i = 1; i <= 20; i++) {
        s.session(client(1), i, i / 2, put("k" + i, "v" + i));
      }
      reference = s.store.rawContents();
    }
    Path path = dir.resolve("s");
    StoreDriver s = new StoreDriver(path);
    for (int i = 1; i <= 10; i++) {
      s.session(client(1), i, i / 2, put("k" + i, "v" + i));
    }
    s.store.flush();
    atFlush = s.store.rawContents();
    for (int i = 11; i <= 20; i++) {
      s.session(client(1), i, i / 2, put("k" + i, "v" + i));
    }
    s.store.closeLikeCrash();

    try (StoreDriver after = new StoreDriver(path)) {
      assertEquals(10, after.store.appliedIndex());
      assertEquals(10, after.store.revision());
      assertNull(after.value("k11"));
      assertEquals(atFlush, after.store.rawContents());
      // Ratis replays from its log; the first entries of the replay are already applied and skipped
      for (int i = 5; i <= 20; i++) {
        after.store.apply(1, i, StoreDriver.entry(after.timeMs, StoreDriver.command(client(1), i, i / 2,
            put("k" + i, "v" + i))));
      }
      assertEquals(reference, after.store.rawContents());
    }
  }

  @Test
  void aClosedStoreRefusesWork() throws IOException {
    StoreDriver s = new StoreDriver(dir.resolve("s"));
    s.close();
    s.close();
    assertThrows(IllegalStateException.class, () -> s.write(put("a", "1")));
    assertThrows(IllegalStateException.class, () -> s.get("a"));
    assertTrue(Files.exists(dir.resolve("s")));
  }
}
