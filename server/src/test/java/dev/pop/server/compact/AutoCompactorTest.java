package dev.pop.server.compact;

import dev.pop.proto.Command;
import dev.pop.server.apply.Limits;
import dev.pop.server.store.RocksStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The leader proposes compact(revision - retention) once the history is a step past the retention. */
class AutoCompactorTest {
  @TempDir Path dir;

  @Test
  void proposesOnlyPastRetentionPlusStepAndOneAtATime() throws Exception {
    try (RocksStore store = RocksStore.open(dir, Limits.DEFAULT)) {
      List<Command> proposed = new ArrayList<>();
      CompletableFuture<Object> reply = new CompletableFuture<>();
      AutoCompactor c = new AutoCompactor(() -> store, cmd -> {
        proposed.add(cmd);
        return reply;
      }, 200); // step = 2
      dev.pop.proto.LogEntry.Builder e = dev.pop.proto.LogEntry.newBuilder();
      long index = store.appliedIndex();
      for (int i = 0; i < 201; i++) {
        store.apply(1, ++index, e.setCommand(Command.newBuilder().addRequests(dev.pop.proto.Request.newBuilder()
            .setPut(dev.pop.proto.PutRequest.newBuilder().setKey(com.google.protobuf.ByteString.copyFromUtf8("k"))))).build());
      }
      assertEquals(0, c.tick()); // 201 revisions: 1 past the retention, less than a step
      store.apply(1, ++index, e.build());
      assertEquals(2, c.tick()); // 202 revisions: compact at 2
      assertEquals(2, proposed.get(0).getRequests(0).getCompact().getRevision());
      assertEquals(0, c.tick()); // one in flight
      reply.complete(null);
      c.close();
    }
  }

  @Test
  void zeroRetentionNeverCompactsAndNegativeIsRefused() {
    AutoCompactor off = new AutoCompactor(() -> null, cmd -> CompletableFuture.completedFuture(null), 0);
    assertEquals(0, off.tick());
    off.close();
    assertThrows(IllegalArgumentException.class, () -> new AutoCompactor(() -> null, cmd -> null, -1));
  }
}
