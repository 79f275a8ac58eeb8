package dev.pop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.pop.client.PopClient;
import dev.pop.proto.Command;
import dev.pop.proto.CommandResult;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.Request;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader's write front: coalesces many clients' writes into few entries, exactly once, leader only. */
class WriteFrontTest {
  @TempDir
  static Path dir;
  static MiniPopCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new MiniPopCluster(dir, 3);
    cluster.awaitLeader(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  private static Command put(ByteString client, long requestId, String key) {
    return Command.newBuilder().setClientId(client).setRequestId(requestId)
        .addRequests(Request.newBuilder().setPut(PutRequest.newBuilder()
            .setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8("v"))))
        .build();
  }

  @Test
  void manySmallClientsShareFewLogEntries() throws Exception {
    final int clients = 20;
    final int each = 30;
    final String leader = cluster.awaitLeader(Duration.ofSeconds(5));
    final long entriesBefore = cluster.appliedEntries(leader);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<PopClient> pops = new ArrayList<>();
    try {
      List<Future<List<Long>>> revisions = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        PopClient pop = PopClient.builder().endpoints(cluster.endpoints()).timeout(Duration.ofSeconds(10)).build();
        pops.add(pop);
        final int id = c;
        revisions.add(pool.submit(() -> {
          List<Long> out = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            out.add(pop.kv().put("front/" + id + "/" + i, "v").revision());
          }
          return out;
        }));
      }
      Set<Long> distinct = new HashSet<>();
      for (Future<List<Long>> f : revisions) {
        distinct.addAll(f.get(120, TimeUnit.SECONDS));
      }
      assertEquals(clients * each, distinct.size(), "every put got its own revision");
      final long entries = cluster.appliedEntries(leader) - entriesBefore;
      assertTrue(entries < clients * each, clients * each + " single-put clients' writes took " + entries
          + " log entries: the front should have coalesced some");
      assertEquals(clients * each, pops.get(0).kv().get("front/".getBytes(),
          dev.pop.client.kv.GetOptions.builder().prefix(true).countOnly(true).build()).count());
    } finally {
      pool.shutdownNow();
      pops.forEach(PopClient::close);
    }
  }

  @Test
  void aRetryThroughTheFrontIsAnsweredFromTheSession() throws Exception {
    final String leader = cluster.awaitLeader(Duration.ofSeconds(5));
    final ByteString clientId = ByteString.copyFrom(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 1});
    final Command cmd = put(clientId, 1, "front-once");
    try (RawRatisClient raw = new RawRatisClient(cluster)) {
      final CommandResult first = raw.frontWrite(leader, cmd);
      final CommandResult again = raw.frontWrite(leader, cmd);
      assertEquals(first.getResponses(0), again.getResponses(0), "the retry gets the original result");
      final CommandResult direct = raw.write(cmd); // the same ids through the log directly: still once
      assertEquals(first.getResponses(0), direct.getResponses(0));
      final QueryResult q = raw.readFrom(leader, Query.newBuilder().addRequests(Request.newBuilder()
          .setRange(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("front-once")))).build());
      assertEquals(1, q.getResponses(0).getRange().getKvs(0).getVersion(), "applied exactly once");
    }
  }

  @Test
  void aFollowerRefusesAndNamesTheLeaderAndBadInputNeverReachesTheLog() throws Exception {
    final String leader = cluster.awaitLeader(Duration.ofSeconds(5));
    final String follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
    final ByteString clientId = ByteString.copyFrom(new byte[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 2});
    try (RawRatisClient raw = new RawRatisClient(cluster)) {
      raw.write(put(clientId, 3, "settle")); // a fresh follower serves no stale read before it knows a commit
      MiniPopCluster.await(() -> cluster.appliedIndex(follower) > 0, Duration.ofSeconds(10), "follower applied");
      IOException refused = assertThrows(IOException.class, () -> raw.frontWrite(follower, put(clientId, 1, "f")));
      assertTrue(refused.getMessage().contains("[POP:UNAVAILABLE]")
          && refused.getMessage().contains("not the leader; leader: " + leader), refused.getMessage());
      final long before = cluster.appliedEntries(leader);
      IOException invalid = assertThrows(IOException.class,
          () -> raw.frontWrite(leader, put(clientId, 2, "")));
      assertTrue(invalid.getMessage().contains("[POP:INVALID_ARGUMENT]") && invalid.getMessage().contains("key is empty"),
          invalid.getMessage());
      assertEquals(before, cluster.appliedEntries(leader), "a refused write never reaches the log");
    }
  }
}
