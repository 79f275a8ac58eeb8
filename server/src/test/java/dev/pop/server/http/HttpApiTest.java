package dev.pop.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pop.server.MiniPopCluster;
import dev.pop.server.apply.Limits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every HTTP endpoint against a real 3-member in-process cluster, including the error bodies. */
class HttpApiTest {
  static final String TOKEN = "s3cret-token";
  @TempDir
  static Path dir;
  static MiniPopCluster cluster;
  static final HttpCalls http = new HttpCalls();
  static String leader;

  @BeforeAll
  static void start() throws Exception {
    final Path token = dir.resolve("admin.token");
    Files.writeString(token, TOKEN + "\n");
    cluster = new MiniPopCluster(dir.resolve("cluster"), 3, MiniPopCluster.FAST, Limits.DEFAULT, true, token);
    leader = cluster.awaitLeader(Duration.ofSeconds(30));
    for (String id : cluster.ids()) {
      MiniPopCluster.await(() -> http.get(url(id, "/ready")).status() == 200, Duration.ofSeconds(30), id + " ready");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  static String url(String id, String path) {
    return "http://" + cluster.httpAddress(id) + path;
  }

  static String follower() {
    return cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
  }

  static void assertError(HttpCalls.Reply r, int status, String code, String messagePart) {
    assertEquals(status, r.status(), r::toString);
    final JsonNode body = r.json();
    assertEquals(code, body.get("error").asText(), r::toString);
    assertTrue(body.get("message").asText().contains(messagePart), () -> "message lacks '" + messagePart + "': " + r);
  }

  @Test
  void healthAndReady() {
    for (String id : cluster.ids()) {
      assertEquals(200, http.get(url(id, "/health")).status());
      final HttpCalls.Reply ready = http.get(url(id, "/ready"));
      assertEquals(200, ready.status(), ready::toString);
      assertTrue(ready.json().get("ready").asBoolean());
    }
  }

  @Test
  void statusOnLeaderListsMembersWithMatchIndexes() {
    http.send("PUT", url(leader, "/v1/kv/status-key"), "x", null);
    final JsonNode s = http.get(url(leader, "/v1/status")).json();
    assertEquals(leader, s.get("id").asText());
    assertEquals("LEADER", s.get("role").asText());
    assertEquals(leader, s.get("leader").asText());
    assertTrue(s.get("term").asLong() > 0);
    assertTrue(s.get("commitIndex").asLong() > 0);
    assertTrue(s.get("appliedIndex").asLong() > 0);
    assertTrue(s.get("revision").asLong() > 0);
    assertEquals(3, s.get("members").size());
    for (JsonNode m : s.get("members")) {
      final String id = m.get("id").asText();
      assertEquals(cluster.address(id), m.get("raftAddress").asText());
      assertEquals(cluster.httpAddress(id), m.get("httpAddress").asText());
      assertEquals(id.equals(leader) ? "LEADER" : "FOLLOWER", m.get("role").asText());
      assertTrue(m.get("matchIndex").isNumber(), m::toString);
    }
    final JsonNode f = http.get(url(follower(), "/v1/status")).json();
    assertEquals("FOLLOWER", f.get("role").asText());
    assertEquals(leader, f.get("leader").asText());
  }

  @Test
  void clusterViewAndDashboard() {
    final JsonNode c = http.get(url(follower(), "/v1/cluster")).json();
    assertEquals(leader, c.get("leader").asText());
    assertEquals(3, c.get("members").size());
    for (JsonNode m : c.get("members")) {
      assertEquals(m.get("id").asText().equals(leader) ? "LEADER" : "FOLLOWER", m.get("role").asText(), m::toString);
      assertEquals(cluster.httpAddress(m.get("id").asText()), m.get("httpAddress").asText());
      assertTrue(m.get("lag").isNumber(), m::toString);
    }
    final HttpCalls.Reply page = http.get(url(leader, "/"));
    assertEquals(200, page.status());
    assertTrue(page.contentType().startsWith("text/html"), page.contentType());
    assertTrue(page.text().contains("fetch(path"), "the dashboard polls the API");
  }

  @Test
  void membersList() {
    final JsonNode m = http.get(url(follower(), "/v1/members")).json();
    assertEquals(leader, m.get("leader").asText());
    assertEquals(3, m.get("members").size());
    assertNotNull(m.get("members").get(0).get("httpAddress").asText());
  }

  @Test
  void putGetDeleteThroughAFollower() {
    final String f = follower();
    final HttpCalls.Reply put = http.send("PUT", url(f, "/v1/kv/app/config"), "v1", null);
    assertEquals(200, put.status(), put::toString);
    final long rev = put.json().get("revision").asLong();
    http.send("PUT", url(f, "/v1/kv/app/config"), "v2", null);
    final JsonNode got = http.get(url(f, "/v1/kv/app/config")).json();
    assertEquals("app/config", got.get("key").asText());
    assertEquals("v2", got.get("value").asText());
    assertEquals(rev, got.get("createRevision").asLong());
    assertEquals(rev + 1, got.get("modRevision").asLong());
    assertEquals(2, got.get("version").asLong());
    assertEquals(0, got.get("lease").asLong());
    assertTrue(got.get("revision").asLong() >= rev + 1);
    assertEquals("[key, value, createRevision, modRevision, version, lease, revision]",
        fieldNames(got), "the fields of popctl get -o json, in its order");

    final HttpCalls.Reply del = http.send("DELETE", url(f, "/v1/kv/app/config"), (byte[]) null, null);
    assertEquals(1, del.json().get("deleted").asLong(), del::toString);
    assertError(http.get(url(f, "/v1/kv/app/config")), 404, "NOT_FOUND", "app/config");
    assertEquals(0, http.send("DELETE", url(f, "/v1/kv/app/config"), (byte[]) null, null).json().get("deleted").asLong());
  }

  @Test
  void binaryValuesComeBackAsBase64AndSerializableReadsWork() {
    final byte[] value = {(byte) 0xff, 0x00, (byte) 0xfe};
    http.send("PUT", url(leader, "/v1/kv/bin"), value, null);
    final JsonNode got = http.get(url(leader, "/v1/kv/bin")).json();
    assertFalse(got.has("value"));
    assertEquals(Base64.getEncoder().encodeToString(value), got.get("valueBase64").asText());
    final String f = follower();
    MiniPopCluster.await(() -> http.get(url(f, "/v1/kv/bin?serializable=true")).status() == 200,
        Duration.ofSeconds(10), "the follower to apply the put");
  }

  @Test
  void rangeByPrefixWithLimitAndRevision() {
    long first = 0;
    for (int i = 0; i < 5; i++) {
      final long r = http.send("PUT", url(leader, "/v1/kv/range/k" + i), "v" + i, null).json().get("revision").asLong();
      first = i == 0 ? r : first;
    }
    final JsonNode all = http.get(url(leader, "/v1/kv?prefix=range/")).json();
    assertEquals(5, all.get("kvs").size());
    assertEquals(5, all.get("count").asLong());
    assertFalse(all.get("more").asBoolean());
    assertEquals("range/k0", all.get("kvs").get(0).get("key").asText());
    final JsonNode two = http.get(url(leader, "/v1/kv?prefix=range/&limit=2")).json();
    assertEquals(2, two.get("kvs").size());
    assertTrue(two.get("more").asBoolean());
    final JsonNode old = http.get(url(leader, "/v1/kv?prefix=range/&revision=" + first)).json();
    assertEquals(1, old.get("kvs").size());
    assertEquals(3, http.get(url(follower(), "/v1/kv?prefix=range/&limit=3&serializable=true")).json().get("kvs").size());
  }

  @Test
  void putWithLeaseAndBadParameters() {
    assertError(http.send("PUT", url(leader, "/v1/kv/leased?lease=abc"), "v", null), 400, "INVALID_ARGUMENT", "'lease'");
    assertError(http.send("PUT", url(leader, "/v1/kv/leased?lease=-1"), "v", null), 400, "INVALID_ARGUMENT", "'lease'");
    assertError(http.send("PUT", url(leader, "/v1/kv/leased?lease=424242"), "v", null), 404, "NOT_FOUND", "lease");
    assertError(http.get(url(leader, "/v1/kv?prefix=a&limit=x")), 400, "INVALID_ARGUMENT", "'limit'");
    assertError(http.get(url(leader, "/v1/kv/a?revision=-3")), 400, "INVALID_ARGUMENT", "'revision'");
    assertError(http.get(url(leader, "/v1/kv/a?serializable=maybe")), 400, "INVALID_ARGUMENT", "'serializable'");
    assertError(http.get(url(leader, "/v1/kv/a?revision=999999999")), 400, "INVALID_ARGUMENT", "revision");
  }

  @Test
  void oversizedValuesAndBodiesAre413() {
    final byte[] big = new byte[(1 << 20) + 1];
    assertError(http.send("PUT", url(leader, "/v1/kv/big"), big, null), 413, "INVALID_ARGUMENT", "maxValueBytes");
    final byte[] huge = new byte[(3 << 19) + 10];
    assertError(http.send("PUT", url(leader, "/v1/kv/huge"), huge, null), 413, "INVALID_ARGUMENT", "too large");
    final String longKey = "k".repeat(5000);
    assertError(http.send("PUT", url(leader, "/v1/kv/" + longKey), "v", null), 413, "INVALID_ARGUMENT", "maxKeyBytes");
  }

  @Test
  void unknownEndpointsAndMethods() {
    assertError(http.get(url(leader, "/v1/nope")), 404, "NOT_FOUND", "no such endpoint");
  }

  @Test
  void metricsArePrometheusText() {
    http.send("PUT", url(leader, "/v1/kv/metered"), "v", null);
    http.get(url(leader, "/v1/kv/metered-missing"));
    final HttpCalls.Reply m = http.get(url(leader, "/metrics"));
    assertEquals(200, m.status());
    assertTrue(m.contentType().startsWith("text/plain"), m.contentType());
    final String text = m.text();
    for (String name : new String[] {"pop_raft_term{", "pop_raft_commit_index{", "pop_raft_applied_index{",
        "pop_raft_role{member=\"" + leader + "\",role=\"leader\"} 1.0", "pop_raft_applied_entries_total{",
        "pop_store_revision{", "pop_store_keys{", "pop_store_leases{", "pop_store_locks_held{",
        "pop_store_size_bytes{", "pop_http_requests_seconds_count{code=\"OK\",member=\"" + leader + "\",op=\"kv_put\"}",
        "pop_http_requests_seconds_count{code=\"NOT_FOUND\",member=\"" + leader + "\",op=\"kv_get\"}"}) {
      assertTrue(text.contains(name), () -> "missing " + name + " in\n" + text);
    }
  }

  @Test
  void openApiDescribesTheEndpoints() {
    final HttpCalls.Reply r = http.get(url(leader, "/openapi.json"));
    assertEquals(200, r.status());
    final JsonNode doc = r.json();
    assertTrue(doc.get("openapi").asText().startsWith("3."));
    for (String path : new String[] {"/health", "/ready", "/metrics", "/v1/status", "/v1/members", "/v1/members/{id}",
        "/v1/leader/transfer", "/v1/kv", "/v1/kv/{key}", "/v1/snapshot", "/v1/cluster", "/", "/v1/txn",
        "/v1/counters/{key}/increment", "/v1/leases", "/v1/leases/{id}", "/v1/leases/{id}/keepalive",
        "/v1/locks/{name}", "/v1/logs", "/v1/logs/{stream}", "/v1/compact", "/v1/watch"}) {
      assertTrue(doc.get("paths").has(path), "openapi lacks " + path);
    }
  }

  @Test
  void adminCallsNeedTheToken() {
    final String body = "{\"id\":\"n9\",\"raftAddress\":\"127.0.0.1:1\"}";
    assertError(http.send("POST", url(leader, "/v1/members"), body, null), 401, "UNAUTHORIZED", "missing admin token");
    assertError(http.send("POST", url(leader, "/v1/members"), body, "wrong"), 401, "UNAUTHORIZED", "wrong admin token");
    assertError(http.send("DELETE", url(leader, "/v1/members/n2"), (byte[]) null, null), 401, "UNAUTHORIZED", "token");
    assertError(http.send("POST", url(leader, "/v1/leader/transfer"), "{\"id\":\"n2\"}", "nope"), 401,
        "UNAUTHORIZED", "wrong admin token");
  }

  @Test
  void snapshotNeedsTheTokenAndCarriesItsChecksum() throws Exception {
    assertError(http.get(url(leader, "/v1/snapshot")), 401, "UNAUTHORIZED", "snapshot: missing admin token");
    final HttpCalls.Reply r = http.send("GET", url(follower(), "/v1/snapshot"), (byte[]) null, TOKEN);
    assertEquals(200, r.status(), r::toString);
    assertEquals("application/zip", r.contentType());
    final String sha = java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(r.bytes()));
    assertEquals(sha, r.header("X-Pop-Snapshot-Sha256"));
    final Path backups = dir.resolve("cluster").resolve(follower()).resolve("backups");
    MiniPopCluster.await(() -> {
      try (java.util.stream.Stream<Path> files = Files.list(backups)) {
        return files.findAny().isEmpty();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, Duration.ofSeconds(10), "the member to delete its copy once sent");
  }

  @Test
  void adminBodiesAreValidated() {
    final String u = url(follower(), "/v1/members");
    assertError(http.send("POST", u, "{not json", TOKEN), 400, "INVALID_ARGUMENT", "not valid JSON");
    assertError(http.send("POST", u, "[1,2]", TOKEN), 400, "INVALID_ARGUMENT", "must be a JSON object");
    assertError(http.send("POST", u, "", TOKEN), 400, "INVALID_ARGUMENT", "empty");
    assertError(http.send("POST", u, "{\"id\":7,\"raftAddress\":\"127.0.0.1:1\"}", TOKEN), 400, "INVALID_ARGUMENT",
        "'id' must be a string, got a number");
    assertError(http.send("POST", u, "{\"id\":\"n9\"}", TOKEN), 400, "INVALID_ARGUMENT", "'raftAddress' is required");
    assertError(http.send("POST", u, "{\"id\":\"n9\",\"raftAddress\":\"nonsense\"}", TOKEN), 400, "INVALID_ARGUMENT",
        "raftAddress");
    assertError(http.send("POST", u, "{\"id\":\"n9\",\"raftAddress\":\"127.0.0.1:1\",\"httpAddress\":false}", TOKEN),
        400, "INVALID_ARGUMENT", "'httpAddress' must be a string, got a boolean");
    assertError(http.send("POST", url(leader, "/v1/leader/transfer"), "{\"id\":[]}", TOKEN), 400, "INVALID_ARGUMENT",
        "'id' must be a string, got an array");
  }

  @Test
  void unknownMembersAre404() {
    assertError(http.send("DELETE", url(leader, "/v1/members/n42"), (byte[]) null, TOKEN), 404, "NOT_FOUND",
        "member n42 is not in the cluster");
    assertError(http.send("POST", url(leader, "/v1/leader/transfer"), "{\"id\":\"n42\"}", TOKEN), 404, "NOT_FOUND",
        "member n42 is not in the cluster");
    final String existing = cluster.ids().get(0);
    assertError(http.send("POST", url(leader, "/v1/members"),
        "{\"id\":\"" + existing + "\",\"raftAddress\":\"127.0.0.1:1\"}", TOKEN), 409, "CONFLICT", "already exists");
  }

  private static String fieldNames(JsonNode n) {
    final java.util.List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out.toString();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
