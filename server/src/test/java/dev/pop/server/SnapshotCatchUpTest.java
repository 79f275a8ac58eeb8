package dev.pop.server;

import dev.pop.client.Consistency;
import dev.pop.client.PopClient;
import dev.pop.client.kv.GetOptions;
import dev.pop.server.apply.Limits;
import dev.pop.server.ratis.PopGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.pop.server.ClusterKvTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A member that falls behind the purged log is brought up to date by a snapshot (RocksDB checkpoint) install. */
class SnapshotCatchUpTest {
  @TempDir
  Path dir;

  @Test
  void farBehindMemberCatchesUpBySnapshotInstall() throws Exception {
    final ServerConfig.Tuning smallSnapshots = new ServerConfig.Tuning(
        MiniPopCluster.FAST.electionMin(), MiniPopCluster.FAST.electionMax(), 64, 1, 16 * 1024);
    try (MiniPopCluster cluster = new MiniPopCluster(dir, 3, smallSnapshots, Limits.DEFAULT);
         PopClient client = PopClient.builder().endpoints(cluster.endpoints()).timeout(Duration.ofSeconds(10)).build()) {
      final String leader = cluster.awaitLeader(Duration.ofSeconds(20));
      final String lagging = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
      client.kv().put("first", "1");
      cluster.stop(lagging);
      final long laggingIndex = 1; // at most what it had; the log below the leader's start index is gone
      for (int i = 0; i < 600; i++) {
        client.kv().put("k/" + i, "v" + i); // sequential: one log entry each
      }
      final String current = cluster.awaitLeader(Duration.ofSeconds(5));
      MiniPopCluster.await(() -> logStart(cluster, current) > 100, Duration.ofSeconds(20),
          "the leader to purge its log up to a snapshot");
      assertTrue(logStart(cluster, current) > laggingIndex);

      cluster.start(lagging);
      MiniPopCluster.await(() -> cluster.isRunning(lagging)
              && cluster.revision(lagging) == cluster.revision(current), Duration.ofSeconds(30),
          lagging + " to catch up by snapshot");
      assertEquals(600, client.kv().get(bytes("k/"), GetOptions.builder().prefix(true).countOnly(true)
          .consistency(Consistency.SERIALIZABLE).member(lagging).build()).count());
      assertTrue(cluster.server(lagging).stateMachine().getLatestSnapshot() != null, "installed snapshot present");

      // and the installed state survives a restart of that member
      cluster.stop(lagging);
      cluster.start(lagging);
      MiniPopCluster.await(() -> cluster.revision(lagging) == cluster.revision(current), Duration.ofSeconds(30),
          lagging + " to come back after restart");
    }
  }

  private static long logStart(MiniPopCluster cluster, String id) {
    try {
      return cluster.server(id).raftServer().getDivision(PopGroup.ID).getRaftLog().getStartIndex();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
