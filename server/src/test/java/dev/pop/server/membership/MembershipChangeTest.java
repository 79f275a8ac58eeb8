package dev.pop.server.membership;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pop.client.Consistency;
import dev.pop.client.PopClient;
import dev.pop.client.UnavailableException;
import dev.pop.client.cluster.ClusterMember;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.KeyValue;
import dev.pop.server.MiniPopCluster;
import dev.pop.server.ServerConfig;
import dev.pop.server.apply.Limits;
import dev.pop.server.http.HttpCalls;
import dev.pop.server.ratis.PopGroup;
import dev.pop.server.store.RocksStore;
import dev.pop.server.store.StoreHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Growing and shrinking a live cluster: joint consensus through Ratis, snapshot catch-up, removing the leader. */
class MembershipChangeTest {
  /** Small snapshots and log segments, so the log is purged and a new member must catch up by snapshot. */
  static final ServerConfig.Tuning SMALL_SNAPSHOTS = new ServerConfig.Tuning(
      MiniPopCluster.FAST.electionMin(), MiniPopCluster.FAST.electionMax(), 64, 1, 16 * 1024);
  final HttpCalls http = new HttpCalls();
  @TempDir
  Path dir;

  @Test
  void growThreeToFiveUnderWritesThenRemoveTwoIncludingTheLeader() throws Exception {
    try (MiniPopCluster cluster = new MiniPopCluster(dir, 3, SMALL_SNAPSHOTS, Limits.DEFAULT, true, null);
         PopClient writerClient = client(cluster);
         PopClient admin = client(cluster)) {
      cluster.awaitLeader(Duration.ofSeconds(30));
      final Writer writer = new Writer(writerClient, "w/", 3);
      try {
        writer.awaitMore(300);
        final String leader0 = cluster.awaitLeader(Duration.ofSeconds(10));
        MiniPopCluster.await(() -> logStart(cluster, leader0) > 0, Duration.ofSeconds(30), "a purged leader log");

        // n4 through the HTTP API of a follower, n5 through the SDK
        cluster.startJoining("n4");
        final HttpCalls.Reply added = http.send("POST", "http://" + cluster.httpAddress(follower(cluster)) + "/v1/members",
            "{\"id\":\"n4\",\"raftAddress\":\"" + cluster.address("n4") + "\",\"httpAddress\":\""
                + cluster.httpAddress("n4") + "\"}", null);
        assertEquals(201, added.status(), added::toString);
        writer.awaitMore(100);
        cluster.startJoining("n5");
        admin.cluster().addMember("n5", cluster.address("n5"), cluster.httpAddress("n5"));
        admin.cluster().addMember("n5", cluster.address("n5"), cluster.httpAddress("n5")); // a retry is a no-op
        assertEquals(5, admin.cluster().members().size());
        assertTrue(cluster.server("n4").stateMachine().snapshotInstalls() >= 1, "n4 caught up by snapshot");
        assertTrue(cluster.server("n5").stateMachine().snapshotInstalls() >= 1, "n5 caught up by snapshot");
        writer.awaitMore(200);

        // remove the leader (asked through another member's HTTP API), then one more original member
        final String leader = cluster.awaitLeader(Duration.ofSeconds(10));
        final String via = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        final HttpCalls.Reply removed = http.send("DELETE", "http://" + cluster.httpAddress(via) + "/v1/members/" + leader,
            (byte[]) null, null);
        assertEquals(200, removed.status(), removed::toString);
        cluster.forget(leader);
        final String newLeader = cluster.awaitLeader(Duration.ofSeconds(30));
        writer.awaitMore(200);
        final String second = cluster.ids().stream()
            .filter(id -> !id.equals(newLeader) && !id.equals("n4") && !id.equals("n5")).findFirst().orElseThrow();
        admin.cluster().removeMember(second);
        cluster.forget(second);
        writer.awaitMore(200);
      } finally {
        writer.close();
      }
      assertEquals(List.of(), writer.fatal, "errors a client cannot retry");
      assertEquals(Set.of("n4", "n5", remainingOriginal(cluster)), new HashSet<>(cluster.ids()));
      final Set<String> members = new HashSet<>();
      for (ClusterMember m : admin.cluster().members()) {
        members.add(m.id());
      }
      assertEquals(new HashSet<>(cluster.ids()), members);
      assertSameStateEverywhere(cluster, admin, writer.acked);
    }
  }

  @Test
  void refusesARemovalThatWouldLeaveNoLiveMajorityAndTransfersLeadership() throws Exception {
    try (MiniPopCluster cluster = new MiniPopCluster(dir, 3, MiniPopCluster.FAST, Limits.DEFAULT, true, null);
         PopClient admin = client(cluster)) {
      final String leader = cluster.awaitLeader(Duration.ofSeconds(30));
      admin.kv().put("before", "1");
      final List<String> followers = cluster.ids().stream().filter(id -> !id.equals(leader)).toList();
      final String target = followers.get(0);
      final HttpCalls.Reply moved = http.send("POST", "http://" + cluster.httpAddress(leader) + "/v1/leader/transfer",
          "{\"id\":\"" + target + "\"}", null);
      assertEquals(200, moved.status(), moved::toString);
      MiniPopCluster.await(() -> cluster.leader().orElse("").equals(target), Duration.ofSeconds(10), target + " leading");

      final String down = followers.get(1);
      cluster.stop(down);
      final String alive = leader; // the old leader, now a follower
      final UnavailableException refused = assertThrows(UnavailableException.class,
          () -> admin.cluster().removeMember(alive));
      assertTrue(refused.getMessage().contains("refusing to remove " + alive), refused.getMessage());
      assertTrue(refused.getMessage().contains("majority of 2 is needed"), refused.getMessage());
      final HttpCalls.Reply viaHttp = http.send("DELETE", "http://" + cluster.httpAddress(target) + "/v1/members/" + alive,
          (byte[]) null, null);
      assertEquals(503, viaHttp.status(), viaHttp::toString);
      assertTrue(viaHttp.json().get("message").asText().contains("unreachable: " + down), viaHttp::toString);
      assertEquals(3, admin.cluster().members().size(), "nothing changed");

      admin.cluster().removeMember(down); // removing the dead member leaves a live majority: allowed
      cluster.forget(down);
      assertEquals(2, admin.cluster().members().size());
      admin.kv().put("after", "2");
      final JsonNode status = http.get("http://" + cluster.httpAddress(target) + "/v1/status").json();
      assertEquals(2, status.get("members").size());
    }
  }

  private static void assertSameStateEverywhere(MiniPopCluster cluster, PopClient client, Set<String> acked) {
    MiniPopCluster.await(() -> cluster.ids().stream().map(cluster::appliedIndex).distinct().count() == 1,
        Duration.ofSeconds(30), "all members at one applied index");
    StoreHash first = null;
    for (String id : cluster.ids()) {
      final StoreHash h = ((RocksStore) cluster.server(id).stateMachine().store()).hash();
      first = first == null ? h : first;
      assertEquals(first, h, "store hash of " + id + " vs the first member");
      final Set<String> keys = new HashSet<>();
      for (KeyValue kv : client.kv().get("w/".getBytes(StandardCharsets.UTF_8), GetOptions.builder().prefix(true)
          .consistency(Consistency.SERIALIZABLE).member(id).build()).kvs()) {
        keys.add(kv.keyUtf8());
      }
      final Set<String> lost = new HashSet<>(acked);
      lost.removeAll(keys);
      assertEquals(Set.of(), lost, "acknowledged writes missing on " + id);
    }
    assertTrue(acked.size() > 1000, "enough writes: " + acked.size());
  }

  private static String remainingOriginal(MiniPopCluster cluster) {
    return cluster.ids().stream().filter(id -> !id.equals("n4") && !id.equals("n5")).findFirst().orElseThrow();
  }

  private static String follower(MiniPopCluster cluster) {
    final String leader = cluster.leader().orElse("");
    return cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
  }

  private static PopClient client(MiniPopCluster cluster) {
    return PopClient.builder().endpoints(cluster.endpoints()).timeout(Duration.ofSeconds(10)).build();
  }

  private static long logStart(MiniPopCluster cluster, String id) {
    try {
      return cluster.server(id).raftServer().getDivision(PopGroup.ID).getRaftLog().getStartIndex();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
