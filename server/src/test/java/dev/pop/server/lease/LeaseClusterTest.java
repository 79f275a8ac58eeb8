package dev.pop.server.lease;

import com.google.protobuf.ByteString;
import dev.pop.proto.Command;
import dev.pop.proto.LeaseExpireRequest;
import dev.pop.proto.LeaseGrantRequest;
import dev.pop.proto.LeaseKeepAliveRequest;
import dev.pop.proto.LockRequest;
import dev.pop.proto.LockWaitRequest;
import dev.pop.proto.LockWaitResponse;
import dev.pop.proto.PutRequest;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.UnlockRequest;
import dev.pop.server.MiniPopCluster;
import org.apache.ratis.client.RaftClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adapter's lease and lock wiring on a real 3-member cluster: the leader proposes expiries itself, a new
 * leader gives every lease a full TTL, and a lock wait parked in {@code query} is answered by the apply thread.
 */
class LeaseClusterTest {
  private static final long TTL_MS = 3000;
  private static final long MS = 1_000_000L;

  @TempDir Path dir;
  MiniPopCluster cluster;
  ClusterCalls calls;

  @BeforeEach
  void start() throws IOException {
    cluster = new MiniPopCluster(dir, 3);
    cluster.awaitLeader(Duration.ofSeconds(30));
    calls = new ClusterCalls(cluster);
  }

  @AfterEach
  void stop() throws IOException {
    if (calls != null) {
      calls.close();
    }
    cluster.close();
  }

  private long grant(long ttlMs) throws IOException {
    return calls.write(Request.newBuilder().setLeaseGrant(LeaseGrantRequest.newBuilder().setTtlMs(ttlMs)).build())
        .getLeaseGrant().getId();
  }

  private void put(String key, long lease) throws IOException {
    Response r = calls.write(Request.newBuilder().setPut(PutRequest.newBuilder()
        .setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8("v")).setLease(lease)).build());
    assertTrue(r.hasPut(), r.toString());
  }

  private boolean exists(String key) throws IOException {
    return calls.read(Request.newBuilder().setRange(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)))
        .build()).getRange().getCount() == 1;
  }

  @Test
  void keptLeasesSurviveALeaderKillAndAbandonedOnesExpireAfterTheirTtl() throws Exception {
    long kept = grant(TTL_MS);
    put("kept", kept);
    long abandonedSent = System.nanoTime();
    long abandoned = grant(TTL_MS);
    put("abandoned", abandoned);

    AtomicBoolean keeping = new AtomicBoolean(true);
    AtomicLong lastAckedSend = new AtomicLong(System.nanoTime());
    Thread keeper = new Thread(() -> {
      while (keeping.get()) {
        long sent = System.nanoTime();
        try {
          Response r = calls.write(Request.newBuilder().setLeaseKeepAlive(LeaseKeepAliveRequest.newBuilder().setId(kept))
              .build());
          if (r.hasLeaseKeepAlive() && keeping.get()) {
            lastAckedSend.accumulateAndGet(sent, Math::max);
          }
          Thread.sleep(250);
        } catch (IOException e) {
          // failover: the next keepalive retries
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "keeper");
    keeper.start();

    // the abandoned lease goes, but never before its TTL counted from the grant's send time
    long gone = awaitMissing("abandoned", Duration.ofSeconds(15));
    assertTrue(gone - abandonedSent > TTL_MS * MS, "expired after " + (gone - abandonedSent) / MS + " ms");
    assertTrue(gone - abandonedSent < (TTL_MS + 3000) * MS, "expired within TTL + 3 s: " + (gone - abandonedSent) / MS);

    // kill the leader while the keeper runs: the kept key must stay
    String leader = cluster.awaitLeader(Duration.ofSeconds(10));
    cluster.stop(leader);
    cluster.awaitLeader(Duration.ofSeconds(30));
    List<long[]> missingReads = new CopyOnWriteArrayList<>();
    long watchUntil = System.nanoTime() + (TTL_MS + 1500) * MS;
    while (System.nanoTime() < watchUntil) {
      try {
        if (!exists("kept")) {
          missingReads.add(new long[] {System.nanoTime()});
        }
      } catch (IOException e) {
        // a read during the election; the next one tries again
      }
      Thread.sleep(100);
    }
    assertTrue(missingReads.isEmpty(), "the kept key vanished while its keeper ran: " + missingReads.size());

    // the keeper stops: the key goes after TTL from the last acknowledged keepalive's send, not before
    keeping.set(false);
    keeper.join();
    long lastSend = lastAckedSend.get();
    long keptGone = awaitMissing("kept", Duration.ofSeconds(15));
    assertTrue(keptGone - lastSend > TTL_MS * MS, "expired " + (keptGone - lastSend) / MS + " ms after the last send");
    assertTrue(keptGone - lastSend < (TTL_MS + 3000) * MS, "expired late: " + (keptGone - lastSend) / MS + " ms");
  }

  private long awaitMissing(String key, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (!exists(key)) {
          return System.nanoTime();
        }
      } catch (IOException e) {
        // election in progress
      }
      Thread.sleep(50);
    }
    throw new AssertionError(key + " still exists after " + timeout);
  }

  @Test
  void aParkedLockWaitIsAnsweredWhenTheLockIsReleased() throws Exception {
    long holder = grant(30_000);
    long waiter = grant(30_000);
    long fence = calls.write(Request.newBuilder().setLock(LockRequest.newBuilder().setName("job").setLease(holder))
        .build()).getLock().getFence();
    long waiterId = calls.write(Request.newBuilder().setLock(LockRequest.newBuilder().setName("job").setLease(waiter))
        .build()).getLock().getWaiterId();
    try (RaftClient waitClient = ClusterCalls.newReadClient(cluster)) {
      long asked = System.nanoTime();
      LockWaitResponse notYet = ClusterCalls.read(waitClient, Request.newBuilder().setLockWait(LockWaitRequest
          .newBuilder().setName("job").setWaiterId(waiterId).setWaitMs(500)).build()).getLockWait();
      assertTrue(System.nanoTime() - asked >= 500 * MS, "the wait was parked for its wait_ms");
      assertEquals(LockWaitResponse.newBuilder().setPosition(1).build(), notYet, "still queued, first in line");
      CompletableFuture<Response> wait = CompletableFuture.supplyAsync(() -> {
        try {
          return ClusterCalls.read(waitClient, Request.newBuilder().setLockWait(LockWaitRequest.newBuilder()
              .setName("job").setWaiterId(waiterId).setWaitMs(2500)).build());
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      Thread.sleep(300);
      assertTrue(!wait.isDone(), "the wait is parked while the lock is held");
      long released = System.nanoTime();
      calls.write(Request.newBuilder().setUnlock(UnlockRequest.newBuilder().setName("job").setFence(fence)).build());
      LockWaitResponse granted = wait.get(10, TimeUnit.SECONDS).getLockWait();
      long latency = System.nanoTime() - released;
      assertTrue(granted.getGranted());
      assertTrue(granted.getFence() > fence);
      assertTrue(latency < 2000 * MS, "answered by the grant, not by the timeout: " + latency / MS + " ms");
    }
  }

  @Test
  void aClientCannotProposeAnExpiry() throws Exception {
    long lease = grant(30_000);
    Command forged = Command.newBuilder().setClientId(calls.clientId()).setRequestId(1_000)
        .addRequests(Request.newBuilder().setLeaseExpire(LeaseExpireRequest.newBuilder().setId(lease).setRefreshIndex(1)))
        .build();
    IOException refused = assertThrows(IOException.class, () -> calls.send(forged));
    assertTrue(String.valueOf(refused.getMessage()).contains(
        "[POP:INVALID_ARGUMENT] lease_expire: internal operation; only the leader proposes it"), refused.getMessage());
    Command internalShape = Command.newBuilder()
        .addRequests(Request.newBuilder().setLeaseExpire(LeaseExpireRequest.newBuilder().setId(lease).setRefreshIndex(1)))
        .build();
    assertThrows(IOException.class, () -> calls.send(internalShape), "no session: refused as a client command");
    assertEquals(30_000, calls.write(Request.newBuilder().setLeaseKeepAlive(LeaseKeepAliveRequest.newBuilder()
        .setId(lease)).build()).getLeaseKeepAlive().getTtlMs(), "the lease is still there");
  }
}
