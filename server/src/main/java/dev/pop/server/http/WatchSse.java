package dev.pop.server.http;

import dev.pop.client.PopClient;
import dev.pop.client.PopException;
import dev.pop.client.watch.Watch;
import dev.pop.client.watch.WatchEvent;
import dev.pop.client.watch.WatchListener;
import dev.pop.client.watch.WatchOptions;
import io.javalin.http.sse.SseClient;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/watch?key=K|prefix=P&revision=R&prevKv=true} as Server-Sent Events: one {@code put} or
 * {@code delete} event per change (data: the JSON of {@code popctl watch -o json}, id: the revision), a
 * {@code progress} event with the revision on idle watches, and a final {@code error} event
 * ({@code {"error","message"}}) if the watch is cancelled (COMPACTED, or the HTTP client reads too slowly: the
 * SDK's bounded per-watch buffer overflowed). Events are written by the SDK's delivery thread for this watch, so a
 * slow reader holds only its own watch's buffer.
 */
final class WatchSse {
  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final PopClient client;
  private final int maxBufferedEvents;

  WatchSse(PopClient client, int maxBufferedEvents) {
    this.client = client;
    this.maxBufferedEvents = maxBufferedEvents;
  }

  /** Checks the parameters (a bad one is a normal 400 error body), then streams. */
  void handle(io.javalin.http.Context ctx) throws Exception {
    final String op = "watch";
    final String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw ApiException.invalid(op + ": a watch is a Server-Sent Events stream: send the header"
          + " 'Accept: text/event-stream' (curl -N -H 'Accept: text/event-stream' ...; browsers' EventSource does)");
    }
    final String key = ctx.queryParam("key");
    final String prefix = ctx.queryParam("prefix");
    if ((key == null) == (prefix == null) || (key != null ? key : prefix).isEmpty()) {
      throw ApiException.invalid(op + ": give exactly one of the query parameters 'key' and 'prefix', not empty");
    }
    final long revision = Params.nonNegativeLong(ctx, op, "revision", 0);
    final boolean prevKv = Params.bool(ctx, op, "prevKv", false);
    WatchOptions options = (prefix != null ? WatchOptions.prefix() : WatchOptions.key())
        .maxBufferedEvents(maxBufferedEvents);
    if (revision > 0) {
      options = options.startRevision(revision);
    }
    if (prevKv) {
      options = options.withPrevKv();
    }
    final WatchOptions chosen = options;
    final byte[] watched = (key != null ? key : prefix).getBytes(StandardCharsets.UTF_8);
    new io.javalin.http.sse.SseHandler(sse -> stream(sse, watched, chosen)).handle(ctx);
  }

  private void stream(SseClient sse, byte[] key, WatchOptions options) {
    sse.keepAlive();
    final Watch watch;
    try {
      watch = client.watches().watch(key, options, new WatchListener() {
        @Override
        public void onEvent(WatchEvent e) {
          sse.sendEvent(e.type() == WatchEvent.Type.PUT ? "put" : "delete", json(e), Long.toString(e.revision()));
        }

        @Override
        public void onProgress(long rev) {
          sse.sendEvent("progress", "{\"revision\":" + rev + "}");
        }

        @Override
        public void onCancelled(PopException cause) {
          error(sse, cause.code().name(), cause.getMessage());
        }
      });
    } catch (PopException e) {
      error(sse, e.code().name(), e.getMessage());
      return;
    }
    sse.onClose(watch::close);
  }

  private static void error(SseClient sse, String code, String message) {
    final Map<String, String> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    try {
      sse.sendEvent("error", MAPPER.writeValueAsString(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      sse.sendEvent("error", "{\"error\":\"INTERNAL\"}");
    }
    sse.close();
  }

  private static String json(WatchEvent e) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", e.type().name());
    m.put("key", e.kv().keyUtf8());
    if (e.type() == WatchEvent.Type.PUT) {
      m.put("value", e.kv().valueUtf8());
    }
    m.put("modRevision", e.revision());
    if (e.prevKv() != null) {
      m.put("prevValue", e.prevKv().valueUtf8());
    }
    try {
      return MAPPER.writeValueAsString(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
