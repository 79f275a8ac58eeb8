package dev.pop.server;

import dev.pop.client.Consistency;
import dev.pop.client.PopClient;
import dev.pop.client.UnavailableException;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.GetResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.pop.server.ClusterKvTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crashes, failover and quorum loss on a fresh 3-member cluster per test. */
class ClusterFaultTest {
  @TempDir
  Path dir;
  MiniPopCluster cluster;
  PopClient client;

  @BeforeEach
  void start() throws Exception {
    cluster = new MiniPopCluster(dir, 3);
    cluster.awaitLeader(Duration.ofSeconds(20));
    client = PopClient.builder().endpoints(cluster.endpoints()).timeout(Duration.ofSeconds(10)).build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    cluster.close();
  }

  @Test
  void leaderFailoverKeepsServingWritesAndTheOldLeaderCatchesUp() throws Exception {
    for (int i = 0; i < 50; i++) {
      client.kv().put("before/" + i, "v");
    }
    final String oldLeader = cluster.awaitLeader(Duration.ofSeconds(5));
    cluster.stop(oldLeader);
    final long t0 = System.nanoTime();
    client.kv().put("after", "v"); // same client: must find the new leader by itself
    final long failoverMs = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(failoverMs < 10_000, "write succeeded " + failoverMs + " ms after the leader died");
    for (int i = 0; i < 50; i++) {
      client.kv().put("during/" + i, "v");
    }
    cluster.start(oldLeader);
    final String newLeader = cluster.awaitLeader(Duration.ofSeconds(10));
    MiniPopCluster.await(() -> cluster.appliedIndex(oldLeader) == cluster.appliedIndex(newLeader)
            && cluster.revision(oldLeader) == cluster.revision(newLeader),
        Duration.ofSeconds(20), "restarted " + oldLeader + " to catch up with " + newLeader);
    final GetResult onOld = client.kv().get(bytes("during/"),
        GetOptions.builder().prefix(true).consistency(Consistency.SERIALIZABLE).member(oldLeader).countOnly(true).build());
    assertEquals(50, onOld.count());
  }

  @Test
  void aBatchRetriedAfterLeaderFailoverAndRestartIsAppliedOnce() throws Exception {
    final dev.pop.proto.Command cmd = dev.pop.proto.Command.newBuilder()
        .setClientId(com.google.protobuf.ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
        .setRequestId(41)
        .addRequests(dev.pop.proto.Request.newBuilder().setPut(dev.pop.proto.PutRequest.newBuilder()
            .setKey(RawRatisClient.utf8("retried")).setValue(RawRatisClient.utf8("x"))))
        .build();
    try (RawRatisClient raw = new RawRatisClient(cluster)) {
      final dev.pop.proto.CommandResult first = raw.write(cmd);
      cluster.stop(cluster.awaitLeader(Duration.ofSeconds(5)));
      cluster.awaitLeader(Duration.ofSeconds(20));
      assertEquals(first.getResponses(0), raw.write(cmd).getResponses(0), "retry on the new leader");
    }
    for (String id : cluster.ids()) {
      cluster.stop(id);
    }
    for (String id : cluster.ids()) {
      cluster.start(id);
    }
    cluster.awaitLeader(Duration.ofSeconds(20));
    try (RawRatisClient raw = new RawRatisClient(cluster)) {
      raw.write(cmd); // a retry after every member restarted (Ratis' retry cache is gone by now)
    }
    assertEquals(1, client.kv().get("retried").first().orElseThrow().version(), "applied exactly once");
  }

  @Test
  void minorityRefusesWritesAndLinearizableReadsButServesSerializableReads() throws Exception {
    final List<String> acknowledged = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      client.kv().put("ack/" + i, "v" + i);
      acknowledged.add("ack/" + i);
    }
    final List<String> ids = cluster.ids();
    final String survivor = ids.get(0);
    cluster.stop(ids.get(1));
    cluster.stop(ids.get(2));

    try (PopClient minority = PopClient.builder().endpoints(cluster.address(survivor))
        .timeout(Duration.ofSeconds(3)).build()) {
      final long t0 = System.nanoTime();
      // the first write may still meet a leader that has not noticed yet: any refusal must be a clear one
      final RuntimeException refused = assertThrows(RuntimeException.class, () -> minority.kv().put("lost", "x"));
      assertTrue(refused instanceof dev.pop.client.PopException, "typed error, got " + refused);
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 6_000, "refused within the deadline");
      // once the survivor knows it is alone, refusals are definite
      MiniPopCluster.await(() -> {
        try {
          minority.kv().put("lost2", "x");
          return false;
        } catch (UnavailableException e) {
          return e.getMessage().contains("majority");
        } catch (RuntimeException e) {
          return false;
        }
      }, Duration.ofSeconds(30), "a definite UNAVAILABLE for writes");
      assertThrows(UnavailableException.class, () -> minority.kv().get("ack/0"));
      final GetResult stale = minority.kv().get(bytes("ack/0"),
          GetOptions.builder().consistency(Consistency.SERIALIZABLE).build());
      assertEquals("v0", stale.first().orElseThrow().valueUtf8());
      assertTrue(stale.header().revision() >= 20, "serializable read reports its revision");
    }

    cluster.start(ids.get(1));
    cluster.start(ids.get(2));
    cluster.awaitLeader(Duration.ofSeconds(20));
    for (String key : acknowledged) {
      assertEquals(1, client.kv().get(key).kvs().size(), "acknowledged " + key + " survived");
    }
    assertTrue(client.kv().get("lost2").kvs().isEmpty(), "a write refused as UNAVAILABLE was not applied");
  }

  @Test
  void restartOfAllMembersKeepsEveryAcknowledgedWrite() throws Exception {
    final int n = 300;
    for (int i = 0; i < n; i++) {
      client.kv().put("dur/" + i, "v" + i);
    }
    final long revision = client.kv().get("dur/0").header().revision();
    for (String id : cluster.ids()) {
      cluster.stop(id);
    }
    for (String id : cluster.ids()) {
      cluster.start(id);
    }
    cluster.awaitLeader(Duration.ofSeconds(20));
    final GetResult all = client.kv().get(bytes("dur/"), GetOptions.builder().prefix(true).build());
    assertEquals(n, all.kvs().size());
    assertTrue(all.header().revision() >= revision);
    for (String id : cluster.ids()) {
      assertEquals(revision, cluster.revision(id), "revision of " + id + " after restart (no entry applied twice)");
    }
  }
}
