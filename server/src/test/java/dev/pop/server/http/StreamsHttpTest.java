package dev.pop.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pop.server.MiniPopCluster;
import dev.pop.server.apply.Limits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /v1/logs, /v1/compact and the SSE /v1/watch against a real 3-member cluster. */
class StreamsHttpTest {
  static final String TOKEN = "streams-token";
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

  @Test
  void logsAppendReadTrimList() {
    HttpCalls.Reply a = http.send("POST", url(leader, "/v1/logs/orders"), "{\"data\":\"first\"}", null);
    assertEquals(200, a.status(), a::toString);
    assertEquals(1, a.json().get("seq").asLong());
    assertEquals("orders", a.json().get("stream").asText());
    assertEquals(2, http.send("POST", url(leader, "/v1/logs/orders"), "{\"data\":\"second\",\"expectedSeq\":2}", null)
        .json().get("seq").asLong());
    HttpCalls.Reply conflict = http.send("POST", url(leader, "/v1/logs/orders"), "{\"data\":\"x\",\"expectedSeq\":2}", null);
    HttpApiTest.assertError(conflict, 409, "CONFLICT", "next seq is 3");
    JsonNode read = http.get(url(leader, "/v1/logs/orders?from=2")).json();
    assertEquals(2, read.get("lastSeq").asLong());
    assertEquals("second", read.get("entries").get(0).get("data").asText());
    assertEquals(1, read.get("entries").size());
    assertEquals(2, http.send("DELETE", url(leader, "/v1/logs/orders?upto=1"), (String) null, null).json()
        .get("firstSeq").asLong());
    HttpApiTest.assertError(http.get(url(leader, "/v1/logs/orders?from=1")), 410, "COMPACTED", "trimmed");
    assertTrue(http.get(url(leader, "/v1/logs?prefix=ord")).json().get("streams").get(0).get("stream").asText()
        .equals("orders"));
  }

  @Test
  void logsBadInput() {
    HttpApiTest.assertError(http.send("POST", url(leader, "/v1/logs/s"), "not json", null), 400, "INVALID_ARGUMENT",
        "not valid JSON");
    HttpApiTest.assertError(http.send("POST", url(leader, "/v1/logs/s"), "{\"data\":5}", null), 400,
        "INVALID_ARGUMENT", "'data' must be a string");
    HttpApiTest.assertError(http.send("POST", url(leader, "/v1/logs/s"), "{\"data\":\"x\",\"expectedSeq\":-1}", null),
        400, "INVALID_ARGUMENT", "expectedSeq");
    HttpApiTest.assertError(http.get(url(leader, "/v1/logs/nope")), 404, "NOT_FOUND", "stream \"nope\" not found");
    HttpApiTest.assertError(http.get(url(leader, "/v1/logs/s?from=x")), 400, "INVALID_ARGUMENT", "'from'");
    HttpApiTest.assertError(http.send("DELETE", url(leader, "/v1/logs/nope?upto=1"), (String) null, null), 404,
        "NOT_FOUND", "not found");
  }

  @Test
  void compactNeedsTheTokenAndRefusesFutureRevisions() {
    long rev = http.send("PUT", url(leader, "/v1/kv/c1"), "a", null).json().get("revision").asLong();
    http.send("PUT", url(leader, "/v1/kv/c1"), "b", null);
    HttpApiTest.assertError(http.send("POST", url(leader, "/v1/compact"), "{\"revision\":" + rev + "}", null), 401,
        "UNAUTHORIZED", "token");
    HttpApiTest.assertError(http.send("POST", url(leader, "/v1/compact"), "{\"revision\":99999999}", TOKEN), 400,
        "INVALID_ARGUMENT", "future revision");
    HttpCalls.Reply ok = http.send("POST", url(leader, "/v1/compact"), "{\"revision\":" + rev + "}", TOKEN);
    assertEquals(200, ok.status(), ok::toString);
    assertEquals(rev, ok.json().get("compactRevision").asLong());
  }

  @Test
  void sseWatchStreamsEachChangeFromAFollower() throws Exception {
    final String follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
    long start = http.send("PUT", url(leader, "/v1/kv/sse/seed"), "0", null).json().get("revision").asLong() + 1;
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest req = HttpRequest.newBuilder(URI.create(url(follower, "/v1/watch?prefix=sse/&revision=" + start)))
        .header("Accept", "text/event-stream").build();
    HttpResponse<java.io.InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, resp.statusCode());
    List<String> data = new ArrayList<>();
    CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
        String event = null;
        for (String line; (line = r.readLine()) != null && data.size() < 3; ) {
          if (line.startsWith("event:")) {
            event = line.substring(6).trim();
          } else if (line.startsWith("data:") && !"progress".equals(event)) {
            data.add(event + " " + line.substring(5).trim());
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    http.send("PUT", url(leader, "/v1/kv/sse/a"), "1", null);
    http.send("PUT", url(leader, "/v1/kv/other"), "x", null);
    http.send("PUT", url(leader, "/v1/kv/sse/b"), "2", null);
    http.send("DELETE", url(leader, "/v1/kv/sse/a"), (String) null, null);
    reader.get(20, TimeUnit.SECONDS);
    assertEquals(3, data.size(), data::toString);
    assertTrue(data.get(0).startsWith("put {\"type\":\"PUT\",\"key\":\"sse/a\",\"value\":\"1\""), data::toString);
    assertTrue(data.get(1).startsWith("put {\"type\":\"PUT\",\"key\":\"sse/b\""), data::toString);
    assertTrue(data.get(2).startsWith("delete {\"type\":\"DELETE\",\"key\":\"sse/a\""), data::toString);
  }

  @Test
  void sseWatchBadParametersAreA400() throws Exception {
    HttpApiTest.assertError(sse("/v1/watch?revision=1"), 400, "INVALID_ARGUMENT", "exactly one of");
    HttpApiTest.assertError(sse("/v1/watch?key=k&revision=-3"), 400, "INVALID_ARGUMENT", "'revision'");
    HttpApiTest.assertError(http.get(url(leader, "/v1/watch?key=k")), 400, "INVALID_ARGUMENT",
        "'Accept: text/event-stream'");
  }

  private static HttpCalls.Reply sse(String path) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(leader, path)))
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofByteArray());
    return new HttpCalls.Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""), r.headers());
  }
}
