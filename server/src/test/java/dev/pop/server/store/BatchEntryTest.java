package dev.pop.server.store;

import static dev.pop.server.store.StoreDriver.client;
import static dev.pop.server.store.StoreDriver.command;
import static dev.pop.server.store.StoreDriver.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pop.proto.Command;
import dev.pop.proto.CommandBatch;
import dev.pop.proto.CommandResult;
import dev.pop.proto.LogEntry;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A LogEntry.batch of the write front: each Command applied through its own session, results per Command. */
class BatchEntryTest {
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

  private static LogEntry batch(Command... commands) {
    return LogEntry.newBuilder().setLeaderTimeMs(1_000)
        .setBatch(CommandBatch.newBuilder().addAllCommands(java.util.List.of(commands))).build();
  }

  @Test
  void eachCommandGetsItsOwnResultAndARepeatedOneIsAnsweredFromItsSession() throws IOException {
    Command a = command(client(1), 1, 0, put("a", "1"));
    Command b = command(client(2), 1, 0, put("b", "1"), put("b", "2"));
    CommandResult r = s.apply(batch(a, b));
    assertEquals(2, r.getBatchCount());
    assertEquals(0, r.getResponsesCount());
    assertEquals(1, r.getBatch(0).getResponses(0).getPut().getRevision());
    assertEquals(3, r.getBatch(1).getResponses(1).getPut().getRevision());
    // the same Command again (a client's retry that reached the front twice) in a later batch: applied once
    CommandResult again = s.apply(batch(b, command(client(3), 1, 0, put("c", "1"))));
    assertEquals(r.getBatch(1).getResponses(1), again.getBatch(0).getResponses(1));
    assertEquals("2", s.value("b"));
    assertEquals(2, s.get("b").getKvs(0).getVersion());
    assertEquals(4, again.getBatch(1).getResponses(0).getPut().getRevision());
  }

  @Test
  void aBatchReplayedAfterARestartChangesNothingAndReturnsTheStoredResults() throws IOException {
    Command a = command(client(1), 1, 0, put("a", "1"));
    Command b = command(client(2), 1, 0, put("b", "1"));
    long index = s.store.appliedIndex() + 1;
    CommandResult first = s.store.apply(1, index, batch(a, b));
    s.reopen();
    CommandResult replayed = s.store.apply(1, index, batch(a, b));
    assertEquals(first.getBatch(0).getResponsesList(), replayed.getBatch(0).getResponsesList());
    assertEquals(first.getBatch(1).getResponsesList(), replayed.getBatch(1).getResponsesList());
    assertEquals(2, s.store.revision());
  }
}
