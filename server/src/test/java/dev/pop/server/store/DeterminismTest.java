package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.Command;
import dev.pop.proto.CommandResult;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.LogEntry;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Request;
import dev.pop.server.apply.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Members fed the same log must end byte for byte identical, whatever restarts happen in between. */
class DeterminismTest {
  @TempDir Path dir;

  @Test
  void twoStoresFedTheSameEntriesHoldTheSameBytes() throws IOException {
    List<LogEntry> log = randomLog(new Random(42), 3000);
    Limits limits = Limits.DEFAULT.withQuotaBytes(12_000);
    int noSpace = 0;
    try (StoreDriver a = new StoreDriver(dir.resolve("a"), limits);
         StoreDriver b = new StoreDriver(dir.resolve("b"), limits)) {
      for (int i = 0; i < log.size(); i++) {
        LogEntry e = log.get(i);
        CommandResult ra = a.apply(e);
        CommandResult rb = b.apply(e);
        assertEquals(ra, rb, "entry " + (i + 1));
        noSpace += (int) ra.getResponsesList().stream()
            .filter(r -> r.getError().getCode() == dev.pop.proto.ErrorCode.NO_SPACE).count();
        if (i % 500 == 499) {
          long target = a.store.revision() - 50;
          assertEquals(a.store.compact(target), b.store.compact(target));
        }
        if (i % 700 == 350) {
          b.reopen();
        }
      }
      assertEquals(a.store.rawContents(), b.store.rawContents());
      assertEquals(a.status(), b.status());
      assertTrue(a.store.revision() > 1000, "the workload wrote: " + a.store.revision());
      assertTrue(noSpace > 0, "the workload reached the quota");
    }
  }

  private static List<LogEntry> randomLog(Random random, int entries) {
    List<LogEntry> log = new ArrayList<>();
    long time = 1_000_000;
    long[] nextRequest = {0, 1, 1, 1, 1};
    List<Command> sent = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      time += random.nextInt(random.nextInt(50) == 0 ? (int) SessionTable.IDLE_EXPIRY_MS * 2 : 2000);
      if (random.nextInt(30) == 0) {
        log.add(LogEntry.newBuilder().setLeaderTimeMs(time).build());
        continue;
      }
      Command.Builder cmd = Command.newBuilder();
      int n = 1 + random.nextInt(3);
      for (int r = 0; r < n; r++) {
        cmd.addRequests(randomRequest(random));
      }
      int c = random.nextInt(5);
      if (c > 0) {
        if (!sent.isEmpty() && random.nextInt(8) == 0) {
          // a retry of an earlier command, possibly acknowledged or expired by now
          log.add(LogEntry.newBuilder().setLeaderTimeMs(time).setCommand(sent.get(random.nextInt(sent.size()))).build());
          continue;
        }
        long id = nextRequest[c]++;
        cmd.setClientId(StoreDriver.client(c)).setRequestId(id).setAckBelow(Math.max(0, id - random.nextInt(5)));
        sent.add(cmd.build());
      }
      log.add(LogEntry.newBuilder().setLeaderTimeMs(time).setCommand(cmd).build());
    }
    return log;
  }

  private static Request randomRequest(Random random) {
    String key = (random.nextBoolean() ? "p/" : "q/") + random.nextInt(40);
    int kind = random.nextInt(10);
    if (kind < 7) {
      byte[] value = new byte[random.nextInt(120)];
      random.nextBytes(value);
      return Request.newBuilder().setPut(PutRequest.newBuilder()
          .setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFrom(value)).setPrevKv(random.nextBoolean()))
          .build();
    }
    if (kind < 9) {
      return Request.newBuilder().setDeleteRange(DeleteRangeRequest.newBuilder()
          .setKey(ByteString.copyFromUtf8(key)).setPrevKv(true)).build();
    }
    String prefix = key.substring(0, 3);
    return Request.newBuilder().setDeleteRange(DeleteRangeRequest.newBuilder()
        .setKey(ByteString.copyFromUtf8(prefix)).setRangeEnd(StoreDriver.prefixEnd(ByteString.copyFromUtf8(prefix))))
        .build();
  }
}
