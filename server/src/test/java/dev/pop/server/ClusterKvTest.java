package dev.pop.server;

import dev.pop.client.Consistency;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.PopClient;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.kv.PutResult;
import dev.pop.proto.Command;
import dev.pop.proto.CommandResult;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KV behaviour of a healthy 3-member cluster, through the real SDK. One cluster for the whole class. */
class ClusterKvTest {
  @TempDir
  static Path dir;
  static MiniPopCluster cluster;
  static PopClient client;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new MiniPopCluster(dir, 3);
    cluster.awaitLeader(Duration.ofSeconds(20));
    client = PopClient.builder().endpoints(cluster.endpoints()).timeout(Duration.ofSeconds(10)).build();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void linearizableReadAfterWriteThroughEveryMember() {
    for (String member : cluster.ids()) {
      // a client that knows only this member still reads its own writes: it finds the leader by itself
      try (PopClient only = PopClient.builder().endpoints(cluster.address(member)).timeout(Duration.ofSeconds(10)).build()) {
        for (int i = 0; i < 10; i++) {
          final PutResult put = only.kv().put("raw/" + member + "/" + i, "v" + i);
          final GetResult got = client.kv().get("raw/" + member + "/" + i); // and so does every other client
          assertEquals("v" + i, got.first().orElseThrow().valueUtf8());
          assertTrue(got.header().revision() >= put.revision());
          assertEquals("v" + i, only.kv().get("raw/" + member + "/" + i).first().orElseThrow().valueUtf8());
        }
      }
    }
  }

  @Test
  void linearizableReadsAreRefusedByFollowers() {
    final String leader = cluster.awaitLeader(Duration.ofSeconds(5));
    final String follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
    try (PopClient quick = PopClient.builder().endpoints(cluster.endpoints()).timeout(Duration.ofSeconds(2)).build()) {
      final dev.pop.client.UnavailableException e = assertThrows(dev.pop.client.UnavailableException.class,
          () -> quick.kv().get(bytes("k"), GetOptions.builder().member(follower).build()));
      assertTrue(e.getMessage().contains("not the leader"), e.getMessage());
      quick.kv().get(bytes("k"), GetOptions.builder().member(leader).build()); // the leader answers
    }
  }

  @Test
  void revisionsVersionsAndPrefixRanges() {
    final PutResult first = client.kv().put("meta/a", "1");
    final PutResult second = client.kv().put("meta/a", "2");
    client.kv().put("meta/b", "3");
    assertEquals(first.revision() + 1, second.revision());
    final GetResult a = client.kv().get("meta/a");
    assertEquals(2, a.first().orElseThrow().version());
    assertEquals(first.revision(), a.first().orElseThrow().createRevision());
    assertEquals(second.revision(), a.first().orElseThrow().modRevision());

    final GetResult old = client.kv().get(bytes("meta/a"), GetOptions.builder().revision(first.revision()).build());
    assertEquals("1", old.first().orElseThrow().valueUtf8(), "read at an older revision");

    final GetResult prefix = client.kv().get(bytes("meta/"), GetOptions.builder().prefix(true).build());
    assertEquals(List.of("meta/a", "meta/b"), prefix.kvs().stream().map(kv -> kv.keyUtf8()).toList());
    final GetResult limited = client.kv().get(bytes("meta/"), GetOptions.builder().prefix(true).limit(1).build());
    assertEquals(1, limited.kvs().size());
    assertTrue(limited.more());
    assertEquals(2, limited.count());

    assertEquals(2, client.kv().delete(bytes("meta/"), dev.pop.client.kv.DeleteOptions.builder().prefix(true).build()).deleted());
    assertTrue(client.kv().get("meta/a").kvs().isEmpty());
  }

  @Test
  void concurrentWritesAreAllAppliedOnceEach() {
    final List<CompletableFuture<PutResult>> futures = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      futures.add(client.kv().putAsync(bytes("conc/" + i), bytes("v"), PutOptions.DEFAULT));
    }
    final long distinct = futures.stream().map(CompletableFuture::join).mapToLong(PutResult::revision).distinct().count();
    assertEquals(500, distinct, "every put has its own revision");
    assertEquals(500, client.kv().get(bytes("conc/"), GetOptions.builder().prefix(true).countOnly(true).build()).count());
  }

  @Test
  void retriedBatchIsAppliedOnce() throws Exception {
    final Command cmd = Command.newBuilder()
        .setClientId(com.google.protobuf.ByteString.copyFrom(new byte[16]))
        .setRequestId(7).setAckBelow(0)
        .addRequests(Request.newBuilder().setPut(PutRequest.newBuilder()
            .setKey(RawRatisClient.utf8("once")).setValue(RawRatisClient.utf8("x"))))
        .build();
    try (RawRatisClient raw = new RawRatisClient(cluster)) {
      final CommandResult first = raw.write(cmd);
      final CommandResult again = raw.write(cmd); // a retry: a new Ratis call with the same POP request id
      assertEquals(first.getResponses(0), again.getResponses(0), "the retry gets the original result");
      final QueryResult q = raw.readFrom(cluster.awaitLeader(Duration.ofSeconds(5)), Query.newBuilder()
          .addRequests(Request.newBuilder().setRange(RangeRequest.newBuilder().setKey(RawRatisClient.utf8("once")))).build());
      assertEquals(1, q.getResponses(0).getRange().getKvs(0).getVersion(), "applied exactly once");
    }
  }

  @Test
  void badInputIsRefusedBeforeTheLog() {
    final String leader = cluster.awaitLeader(Duration.ofSeconds(5));
    client.kv().put("probe", "p"); // settle the pipeline
    final List<Executable> bad = List.of(
        () -> client.kv().put(new byte[4097], bytes("v"), PutOptions.DEFAULT),
        () -> client.kv().put(bytes("k"), new byte[1024 * 1024 + 1], PutOptions.DEFAULT),
        () -> client.kv().put(new byte[0], bytes("v"), PutOptions.DEFAULT),
        () -> client.kv().get(new byte[0], GetOptions.DEFAULT),
        () -> client.kv().get(bytes("k"), GetOptions.builder().limit(-1).build()),
        () -> client.kv().get(bytes("k"), GetOptions.builder().revision(-5).build()));
    final List<String> mentions = List.of("key", "value", "key", "key", "limit", "revision");
    for (int i = 0; i < bad.size(); i++) {
      final long appliedBefore = cluster.appliedEntries(leader);
      final long revisionBefore = cluster.revision(leader);
      assertInvalid(bad.get(i), mentions.get(i));
      assertEquals(appliedBefore, cluster.appliedEntries(leader), "bad request #" + i + " did not reach the log");
      assertEquals(revisionBefore, cluster.revision(leader), "bad request #" + i + " changed nothing");
    }
  }

  @Test
  void futureRevisionIsInvalid() {
    final long rev = client.kv().put("fut", "1").revision();
    assertInvalid(() -> client.kv().get(bytes("fut"), GetOptions.builder().revision(rev + 1_000_000).build()), "revision");
  }

  @Test
  void serializableReadFromEachMemberReportsItsRevision() {
    final long rev = client.kv().put("ser", "s").revision();
    for (String member : cluster.ids()) {
      MiniPopCluster.await(() -> {
        final GetResult r = client.kv().get(bytes("ser"),
            GetOptions.builder().consistency(Consistency.SERIALIZABLE).member(member).build());
        return r.header().memberId().equals(member) && r.header().revision() >= rev && !r.kvs().isEmpty();
      }, Duration.ofSeconds(5), "member " + member + " to serve ser at revision " + rev);
    }
    assertFalse(client.kv().get("ser").kvs().isEmpty());
    assertArrayEquals(bytes("s"), client.kv().get("ser").kvs().get(0).value());
  }

  private static void assertInvalid(Executable call, String mentions) {
    final InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call);
    assertTrue(e.getMessage().contains(mentions), "message names " + mentions + ": " + e.getMessage());
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
