package dev.pop.server.http;

import dev.pop.client.PopClient;
import dev.pop.client.log.AppendOptions;
import dev.pop.client.log.LogReadResult;
import dev.pop.client.log.LogRecord;
import dev.pop.client.log.StreamInfo;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/logs} (transaction log streams) and {@code POST /v1/compact}, through the embedded SDK client. Entry
 * data travels as UTF-8 text in JSON.
 */
final class StreamsHandler {
  private static final long MAX_WAIT_MS = 60_000;

  private final PopClient client;
  private final AdminAuth auth;

  StreamsHandler(PopClient client, AdminAuth auth) {
    this.client = client;
    this.auth = auth;
  }

  /** {@code POST /v1/logs/{stream}} with {@code {"data":"...","expectedSeq":N?}}: {@code {"stream","seq"}}. */
  void append(Context ctx) {
    final String op = "log append";
    final String stream = ctx.pathParam("stream");
    final JsonBody body = JsonBody.of(ctx, op);
    final String data = body.optionalString("data");
    if (data == null) {
      throw ApiException.invalid(op + ": field 'data' is required (a string)");
    }
    final long expected = body.has("expectedSeq") ? body.requiredLong("expectedSeq") : 0;
    if (expected < 0) {
      throw ApiException.invalid(op + ": field 'expectedSeq' is " + expected + ", must be >= 0 (0: any)");
    }
    final long seq = client.logs().append(stream, data.getBytes(StandardCharsets.UTF_8),
        AppendOptions.expectSeq(expected));
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("stream", stream);
    out.put("seq", seq);
    ctx.json(out);
  }

  /** {@code GET /v1/logs/{stream}?from=&limit=&waitMs=}: {@code {"stream","firstSeq","lastSeq","entries"}}. */
  void read(Context ctx) {
    final String op = "log read";
    final String stream = ctx.pathParam("stream");
    final long from = Params.nonNegativeLong(ctx, op, "from", 0);
    final long limit = Params.nonNegativeLong(ctx, op, "limit", 1000);
    final long waitMs = Params.nonNegativeLong(ctx, op, "waitMs", 0);
    if (limit > 10_000) {
      throw ApiException.invalid(op + ": query parameter 'limit' is " + limit + ", must be at most 10000");
    }
    if (waitMs > MAX_WAIT_MS) {
      throw ApiException.invalid(op + ": query parameter 'waitMs' is " + waitMs + ", must be at most " + MAX_WAIT_MS);
    }
    final LogReadResult r = waitMs > 0
        ? client.logs().awaitRead(stream, from, (int) limit, Duration.ofMillis(waitMs))
        : client.logs().read(stream, from, (int) limit);
    final List<Map<String, Object>> entries = new ArrayList<>();
    for (LogRecord e : r.entries()) {
      final Map<String, Object> m = new LinkedHashMap<>();
      m.put("seq", e.seq());
      m.put("data", e.dataUtf8());
      m.put("timeMs", e.timeMs());
      entries.add(m);
    }
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("stream", stream);
    out.put("firstSeq", r.firstSeq());
    out.put("lastSeq", r.lastSeq());
    out.put("entries", entries);
    ctx.json(out);
  }

  /** {@code DELETE /v1/logs/{stream}?upto=N}: trims; {@code {"stream","firstSeq"}}. */
  void trim(Context ctx) {
    final String op = "log trim";
    final String stream = ctx.pathParam("stream");
    final long upto = Params.nonNegativeLong(ctx, op, "upto", 0);
    if (upto == 0) {
      throw ApiException.invalid(op + ": query parameter 'upto' is required: the last seq to drop (> 0)");
    }
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("stream", stream);
    out.put("firstSeq", client.logs().trim(stream, upto));
    ctx.json(out);
  }

  /** {@code GET /v1/logs?prefix=}: {@code {"streams":[{"stream","firstSeq","lastSeq"}]}}. */
  void list(Context ctx) {
    final String prefix = ctx.queryParam("prefix") == null ? "" : ctx.queryParam("prefix");
    final List<Map<String, Object>> streams = new ArrayList<>();
    for (StreamInfo s : client.logs().list(prefix)) {
      final Map<String, Object> m = new LinkedHashMap<>();
      m.put("stream", s.stream());
      m.put("firstSeq", s.firstSeq());
      m.put("lastSeq", s.lastSeq());
      streams.add(m);
    }
    ctx.json(Map.of("streams", streams));
  }

  /** {@code POST /v1/compact {"revision":R}} (admin): {@code {"compactRevision":R}}. */
  void compact(Context ctx) {
    final String op = "compact";
    auth.check(ctx, op);
    final long revision = JsonBody.of(ctx, op).requiredLong("revision");
    if (revision <= 0) {
      throw ApiException.invalid(op + ": field 'revision' is " + revision + ", must be > 0");
    }
    ctx.json(Map.of("compactRevision", client.kv().compact(revision)));
  }
}
