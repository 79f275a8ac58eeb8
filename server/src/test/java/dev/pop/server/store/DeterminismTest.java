package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.Command;
import dev.pop.proto.CommandResult;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.LogEntry;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.StatusResponse;
import dev.pop.proto.Compare;
import dev.pop.server.apply.Limits;
import dev.pop.server.lease.LeaseTiming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

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
        count(e, ra);
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
      assertEquals(timings(a), timings(b), "every member knows the same leases and refresh indexes");
      assertTrue(a.store.revision() > 1000, "the workload wrote: " + a.store.revision());
      assertTrue(noSpace > 0, "the workload reached the quota");
      StatusResponse st = a.status();
      assertTrue(st.getLeaseCount() > 0 && st.getHeldLockCount() > 0, "the workload used leases and locks: " + st);
      for (String kind : List.of("txn", "increment", "lease_expire", "lock", "unlock", "lease_revoke")) {
        assertTrue(outcomes.getOrDefault(kind + " ok", 0) > 0, kind + " succeeded sometimes: " + outcomes);
      }
      assertTrue(outcomes.getOrDefault("lease_expire CONFLICT", 0) > 0, "some expiries lost a race: " + outcomes);
    }
  }

  private final Map<String, Integer> outcomes = new TreeMap<>();

  private void count(LogEntry e, CommandResult r) {
    List<Request> requests = e.hasInternal() ? e.getInternal().getRequestsList() : e.getCommand().getRequestsList();
    for (int i = 0; i < r.getResponsesCount() && i < requests.size(); i++) {
      Response resp = r.getResponses(i);
      String outcome = resp.hasError() ? resp.getError().getCode().name() : "ok";
      outcomes.merge(requests.get(i).getOpCase().name().toLowerCase(java.util.Locale.ROOT) + " " + outcome, 1,
          Integer::sum);
    }
  }

  private static List<String> timings(StoreDriver d) {
    return d.store.leaseClock().timings().stream().sorted(java.util.Comparator.comparingLong(LeaseTiming::id))
        .map(t -> t.id() + "/" + t.ttlMs() + "/" + t.refreshIndex()).toList();
  }

  private static List<LogEntry> randomLog(Random random, int entries) {
    List<LogEntry> log = new ArrayList<>();
    // lease id → index of the last entry that granted or kept it alive (what a leader would plan an expiry with)
    Map<Long, Long> refreshed = new HashMap<>();
    long time = 1_000_000;
    long[] nextRequest = {0, 1, 1, 1, 1};
    List<Command> sent = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      time += random.nextInt(random.nextInt(50) == 0 ? (int) SessionTable.IDLE_EXPIRY_MS * 2 : 2000);
      if (random.nextInt(30) == 0) {
        log.add(LogEntry.newBuilder().setLeaderTimeMs(time).build());
        continue;
      }
      long index = log.size() + 1;
      if (random.nextInt(15) == 0 && !refreshed.isEmpty()) {
        // the leader expires a lease it saw refreshed at some index; sometimes a keepalive got in first
        Long[] ids = refreshed.keySet().toArray(new Long[0]);
        long id = ids[random.nextInt(ids.length)];
        long at = refreshed.get(id) - (random.nextInt(3) == 0 ? 1 : 0);
        log.add(LogEntry.newBuilder().setLeaderTimeMs(time).setInternal(Command.newBuilder()
            .addRequests(Ops.expire(id, at))).build());
        continue;
      }
      Command.Builder cmd = Command.newBuilder();
      int n = 1 + random.nextInt(3);
      for (int r = 0; r < n; r++) {
        Request request = random.nextInt(10) < 6 ? randomRequest(random) : randomCoordination(random);
        cmd.addRequests(request);
        if (request.hasLeaseKeepAlive() || request.hasLeaseGrant() && request.getLeaseGrant().getId() != 0) {
          long id = request.hasLeaseKeepAlive() ? request.getLeaseKeepAlive().getId() : request.getLeaseGrant().getId();
          refreshed.put(id, index);
        }
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

  /** Txns, counters, leases and locks over a few keys, leases (ids 1..6) and lock names. */
  private static Request randomCoordination(Random random) {
    String key = (random.nextBoolean() ? "p/" : "q/") + random.nextInt(40);
    long lease = 1 + random.nextInt(6);
    String lock = "lock" + random.nextInt(3);
    switch (random.nextInt(12)) {
      case 0:
        return Ops.grant(1000 + random.nextInt(5000), random.nextInt(4) == 0 ? 0 : lease);
      case 1:
      case 2:
        return Ops.keepAlive(lease);
      case 3:
        return Ops.revoke(lease);
      case 4:
        return Ops.putLease(key, "v" + random.nextInt(100), random.nextInt(3) == 0 ? 0 : lease);
      case 5:
        return Ops.increment("n/" + random.nextInt(5), random.nextInt(7) - 3, random.nextBoolean() ? 0L : null, 10L);
      case 6:
      case 7:
        return Ops.lock(lock, lease);
      case 8:
        return random.nextBoolean() ? Ops.unlock(lock, 1 + random.nextInt(30)) : Ops.giveUp(lock, 1 + random.nextInt(30));
      default:
        List<Compare> compares = List.of(random.nextBoolean()
            ? Ops.version(key, Compare.Op.values()[random.nextInt(4)], random.nextInt(3))
            : Ops.lockHeld(lock, 1 + random.nextInt(30), Compare.Op.EQUAL));
        return Ops.txn(compares, List.of(randomRequest(random), Ops.increment("n/" + random.nextInt(5), 1),
            Ops.get(key)), List.of(randomRequest(random), Ops.putLease(key, "t", lease)));
    }
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
