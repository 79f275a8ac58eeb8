package dev.pop.server.http;

import dev.pop.client.Consistency;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.PopClient;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.snapshot.SnapshotArchive;
import dev.pop.client.snapshot.SnapshotDownload;
import dev.pop.client.snapshot.SnapshotManifest;
import dev.pop.server.MiniPopCluster;
import dev.pop.server.PopServer;
import dev.pop.server.ServerConfig;
import dev.pop.server.apply.Limits;
import dev.pop.server.membership.Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backup under write load, restore into a fresh directory, and a single member started on it. */
class SnapshotBackupTest {
  @TempDir
  Path dir;

  @Test
  void saveUnderLoadRestoreAndServeEveryKeyWrittenBefore() throws Exception {
    final Path backup = dir.resolve("backup.zip");
    final Set<String> before;
    final SnapshotDownload.Result saved;
    try (MiniPopCluster cluster = new MiniPopCluster(dir.resolve("cluster"), 3, MiniPopCluster.FAST, Limits.DEFAULT,
        true, null);
         PopClient client = PopClient.builder().endpoints(cluster.endpoints()).timeout(Duration.ofSeconds(10)).build()) {
      final String leader = cluster.awaitLeader(Duration.ofSeconds(30));
      final String follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
      final Writer writer = new Writer(client, "w/", 3);
      try {
        writer.awaitMore(500);
        before = Set.copyOf(writer.acked);
        final AtomicLong progressCalls = new AtomicLong();
        saved = SnapshotDownload.save(cluster.httpAddress(follower), null, backup, Duration.ofSeconds(30),
            (received, total) -> progressCalls.incrementAndGet());
        assertTrue(progressCalls.get() > 0);
        writer.awaitMore(100); // the cluster kept taking writes during the save
      } finally {
        writer.close();
      }
      assertEquals(List.of(), writer.fatal);
      assertEquals(Files.size(backup), saved.bytes());
    }

    final Path restored = dir.resolve("restored");
    final SnapshotManifest manifest = SnapshotArchive.restore(backup, restored);
    assertTrue(manifest.revision() >= before.size(), "revision " + manifest.revision());
    assertTrue(Files.exists(restored.resolve(SnapshotArchive.RESTORE_MARKER)));

    final String raft = "127.0.0.1:" + freePort();
    final ServerConfig cfg = new ServerConfig("r1", restored, address(raft), address("127.0.0.1:" + freePort()),
        Map.of("r1", raft), false, Limits.DEFAULT, MiniPopCluster.FAST, false);
    try (PopServer server = PopServer.start(cfg);
         PopClient client = PopClient.builder().endpoints(raft).timeout(Duration.ofSeconds(10)).build()) {
      assertTrue(Files.notExists(restored.resolve(SnapshotArchive.RESTORE_MARKER)), "marker consumed");
      final Set<String> keys = new HashSet<>();
      for (KeyValue kv : client.kv().get("w/".getBytes(StandardCharsets.UTF_8),
          GetOptions.builder().prefix(true).build()).kvs()) {
        keys.add(kv.keyUtf8());
        assertEquals("v-" + kv.keyUtf8(), kv.valueUtf8());
      }
      final Set<String> missing = new HashSet<>(before);
      missing.removeAll(keys);
      assertEquals(Set.of(), missing, "keys acknowledged before the save but not in the restored member");
      final long revision = client.kv().put("after-restore", "1").revision();
      assertEquals(manifest.revision() + 1, revision, "the revision continues from the backup's");
      assertEquals(1, client.kv().get("after-restore").kvs().size());
    }
    // and it restarts like any member: the new Raft log is replayed on top of the restored store
    try (PopServer server = PopServer.start(cfg);
         PopClient client = PopClient.builder().endpoints(raft).timeout(Duration.ofSeconds(10)).build()) {
      MiniPopCluster.await(() -> server.stateMachine().store().revision() == manifest.revision() + 1,
          Duration.ofSeconds(20), "the restarted member to replay its log");
      assertEquals("1", client.kv().get("after-restore").first().orElseThrow().valueUtf8());
      assertEquals(before.size(), before.stream().filter(k -> client.kv().get(k.getBytes(StandardCharsets.UTF_8), GetOptions.builder()
          .consistency(Consistency.SERIALIZABLE).build()).kvs().size() == 1).count());
    }
  }

  @Test
  void damagedArchivesAndUsedDirectoriesAreRefused() throws Exception {
    final Path backup = dir.resolve("b.zip");
    try (MiniPopCluster cluster = new MiniPopCluster(dir.resolve("c"), 1, MiniPopCluster.FAST, Limits.DEFAULT, true,
        null);
         PopClient client = PopClient.builder().endpoints(cluster.endpoints()).build()) {
      cluster.awaitLeader(Duration.ofSeconds(30));
      for (int i = 0; i < 50; i++) {
        client.kv().put("k" + i, "value-" + i);
      }
      SnapshotDownload.save(cluster.httpAddress("n1"), null, backup, Duration.ofSeconds(30), (r, t) -> { });
    }
    final byte[] bytes = Files.readAllBytes(backup);
    bytes[bytes.length / 2] ^= 0x5a;
    final Path damaged = dir.resolve("damaged.zip");
    Files.write(damaged, bytes);
    final InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> SnapshotArchive.restore(damaged, dir.resolve("r1")));
    assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    assertTrue(Files.notExists(dir.resolve("r1")), "nothing left behind");

    Files.createDirectories(dir.resolve("used"));
    Files.writeString(dir.resolve("used/x"), "x");
    final InvalidArgumentException used = assertThrows(InvalidArgumentException.class,
        () -> SnapshotArchive.restore(backup, dir.resolve("used")));
    assertTrue(used.getMessage().contains("not empty"), used.getMessage());
  }

  private static InetSocketAddress address(String hostPort) {
    final String[] hp = hostPort.split(":");
    return new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
