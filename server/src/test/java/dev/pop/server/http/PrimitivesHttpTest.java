package dev.pop.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pop.server.MiniPopCluster;
import dev.pop.server.apply.Limits;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/txn, counters, leases and locks against a real 3-member cluster, with their error bodies. */
class PrimitivesHttpTest {
  @TempDir
  static Path dir;
  static MiniPopCluster cluster;
  static final HttpCalls http = new HttpCalls();
  static String node;

  @BeforeAll
  static void start() throws Exception {
    cluster = new MiniPopCluster(dir.resolve("cluster"), 3, MiniPopCluster.FAST, Limits.DEFAULT, true, null);
    String leader = cluster.awaitLeader(Duration.ofSeconds(30));
    // a follower's HTTP front: its embedded client forwards to the leader
    node = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
    MiniPopCluster.await(() -> http.get(url("/ready")).status() == 200, Duration.ofSeconds(30), "ready");
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  static String url(String path) {
    return "http://" + cluster.httpAddress(node) + path;
  }

  static JsonNode ok(HttpCalls.Reply r) {
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  @Test
  void txnTakesTheBranchItsComparesChoose() {
    ok(http.send("PUT", url("/v1/kv/tx/a"), "1", null));
    JsonNode yes = ok(http.send("POST", url("/v1/txn"), "{\"compare\":[{\"key\":\"tx/a\",\"target\":\"value\","
        + "\"op\":\"=\",\"value\":\"1\"}],\"success\":[{\"put\":{\"key\":\"tx/b\",\"value\":\"2\"}},"
        + "{\"get\":{\"key\":\"tx/a\"}}],\"failure\":[{\"put\":{\"key\":\"tx/c\",\"value\":\"3\"}}]}", null));
    assertTrue(yes.get("succeeded").asBoolean());
    assertEquals("1", yes.get("results").get(1).get("get").get("kvs").get(0).get("value").asText());
    JsonNode no = ok(http.send("POST", url("/v1/txn"), "{\"compare\":[{\"key\":\"tx/a\",\"target\":\"version\","
        + "\"op\":\">\",\"value\":5}],\"success\":[{\"delete\":{\"key\":\"tx/a\"}}],"
        + "\"failure\":[{\"put\":{\"key\":\"tx/c\",\"value\":\"3\"}}]}", null));
    assertFalse(no.get("succeeded").asBoolean());
    assertEquals("3", ok(http.get(url("/v1/kv/tx/c"))).get("value").asText());
    assertEquals(200, http.get(url("/v1/kv/tx/a")).status(), "the success branch did not run");
  }

  @Test
  void txnBadBodies() {
    HttpApiTest.assertError(http.send("POST", url("/v1/txn"), "{", null), 400, "INVALID_ARGUMENT",
        "txn: the request body is not valid JSON");
    HttpApiTest.assertError(http.send("POST", url("/v1/txn"), "{\"compare\":[{\"key\":\"k\",\"target\":\"size\","
        + "\"op\":\"=\",\"value\":1}]}", null), 400, "INVALID_ARGUMENT", "compare[0].target");
    HttpApiTest.assertError(http.send("POST", url("/v1/txn"), "{\"success\":[{\"upsert\":{}}]}", null), 400,
        "INVALID_ARGUMENT", "\"upsert\" is not one of put");
  }

  @Test
  void countersRespectTheirBounds() {
    assertEquals(3, ok(http.send("POST", url("/v1/counters/dl/left/increment"), "{\"delta\":3}", null))
        .get("value").asLong());
    assertEquals(0, ok(http.send("POST", url("/v1/counters/dl/left/increment"), "{\"delta\":-3,\"min\":0}", null))
        .get("value").asLong());
    HttpApiTest.assertError(http.send("POST", url("/v1/counters/dl/left/increment"), "{\"delta\":-1,\"min\":0}", null),
        409, "CONFLICT", "");
    HttpApiTest.assertError(http.send("POST", url("/v1/counters/dl/left/increment"), "{\"delta\":\"x\"}", null),
        400, "INVALID_ARGUMENT", "'delta' must be an integer");
    HttpApiTest.assertError(http.send("POST", url("/v1/counters/dl/left/increment"), "{}", null),
        400, "INVALID_ARGUMENT", "'delta' is required");
  }

  @Test
  void leasesGrantKeepAliveRevokeDeletesTheirKeys() {
    JsonNode lease = ok(http.send("POST", url("/v1/leases"), "{\"ttlMs\":10000}", null));
    long id = lease.get("id").asLong();
    assertEquals(10000, lease.get("ttlMs").asLong());
    ok(http.send("PUT", url("/v1/kv/leased/k?lease=" + id), "v", null));
    assertEquals(id, ok(http.send("POST", url("/v1/leases/" + id + "/keepalive"), (String) null, null)).get("id").asLong());
    JsonNode ttl = ok(http.get(url("/v1/leases/" + id + "?keys=true")));
    assertEquals("leased/k", ttl.get("keys").get(0).asText());
    assertEquals(1, ok(http.send("DELETE", url("/v1/leases/" + id), (String) null, null)).get("deleted").asLong());
    assertEquals(404, http.get(url("/v1/kv/leased/k")).status());
    HttpApiTest.assertError(http.send("POST", url("/v1/leases/" + id + "/keepalive"), (String) null, null), 404,
        "NOT_FOUND", "not found");
    HttpApiTest.assertError(http.send("POST", url("/v1/leases/abc/keepalive"), (String) null, null), 400,
        "INVALID_ARGUMENT", "must be a positive integer");
    HttpApiTest.assertError(http.send("POST", url("/v1/leases"), "{\"ttlMs\":-5}", null), 400, "INVALID_ARGUMENT",
        "ttlMs");
  }

  @Test
  void aHeldLockFencesOutASecondLockerUntilReleased() {
    long a = ok(http.send("POST", url("/v1/leases"), "{\"ttlMs\":10000}", null)).get("id").asLong();
    long b = ok(http.send("POST", url("/v1/leases"), "{\"ttlMs\":10000}", null)).get("id").asLong();
    long fence = ok(http.send("POST", url("/v1/locks/jobs/1"), "{\"leaseId\":" + a + "}", null)).get("fence").asLong();
    HttpApiTest.assertError(http.send("POST", url("/v1/locks/jobs/1"), "{\"leaseId\":" + b + ",\"waitMs\":200}", null),
        409, "CONFLICT", "jobs/1");
    JsonNode status = ok(http.get(url("/v1/locks/jobs/1")));
    assertTrue(status.get("held").asBoolean());
    assertEquals(fence, status.get("fence").asLong());
    HttpApiTest.assertError(http.send("DELETE", url("/v1/locks/jobs/1?fence=" + (fence + 100)), (String) null, null),
        409, "CONFLICT", "");
    ok(http.send("DELETE", url("/v1/locks/jobs/1?fence=" + fence), (String) null, null));
    long next = ok(http.send("POST", url("/v1/locks/jobs/1"), "{\"leaseId\":" + b + "}", null)).get("fence").asLong();
    assertTrue(next > fence, "fences increase: " + next + " after " + fence);
    HttpApiTest.assertError(http.send("POST", url("/v1/locks/jobs/2"), "{\"leaseId\":0}", null), 400,
        "INVALID_ARGUMENT", "leaseId");
    HttpApiTest.assertError(http.send("DELETE", url("/v1/locks/jobs/2"), (String) null, null), 400,
        "INVALID_ARGUMENT", "fence");
  }
}
