package dev.pop.server.http;

import dev.pop.client.Consistency;
import dev.pop.client.ErrorCode;
import dev.pop.client.PopClient;
import dev.pop.client.kv.DeleteOptions;
import dev.pop.client.kv.DeleteResult;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.kv.PutResult;
import dev.pop.server.apply.Limits;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/kv}: the key-value data API, through the embedded SDK client (leader forwarding, batching,
 * exactly-once retries). Keys are the UTF-8 bytes of the (URL-decoded) path after {@code /v1/kv/}.
 */
final class KvHandler {
  private final PopClient client;
  private final Limits limits;
  private final String memberId;

  KvHandler(PopClient client, Limits limits, String memberId) {
    this.client = client;
    this.limits = limits;
    this.memberId = memberId;
  }

  /** {@code GET /v1/kv/{key}[?revision=R&serializable=true]}: the key as popctl get -o json prints it, or 404. */
  void get(Context ctx) {
    final String op = "get";
    final byte[] key = key(ctx, op);
    final GetResult r = client.kv().get(key, readOptions(ctx, op).build());
    final KeyValue kv = r.first().orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, 404,
        op + ": key '" + ctx.pathParam("key") + "' not found (revision " + r.header().revision() + ")"));
    ctx.json(KvJson.of(kv, r.header().revision()));
  }

  /** {@code GET /v1/kv?prefix=P&limit=N&revision=R&serializable=true}: {@code {kvs, more, count, revision}}. */
  void range(Context ctx) {
    final String op = "range";
    final String prefix = ctx.queryParam("prefix") == null ? "" : ctx.queryParam("prefix");
    final GetOptions options = readOptions(ctx, op).prefix(true)
        .limit(Params.nonNegativeLong(ctx, op, "limit", 0)).build();
    final GetResult r = client.kv().get(prefix.getBytes(StandardCharsets.UTF_8), options);
    final List<Map<String, Object>> kvs = new ArrayList<>();
    for (KeyValue kv : r.kvs()) {
      kvs.add(KvJson.of(kv, r.header().revision()));
    }
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("kvs", kvs);
    body.put("more", r.more());
    body.put("count", r.count());
    body.put("revision", r.header().revision());
    ctx.json(body);
  }

  /** {@code PUT /v1/kv/{key}[?lease=ID]} with the raw value as body: {@code {"revision":R}}. */
  void put(Context ctx) {
    final String op = "put";
    final byte[] key = key(ctx, op);
    final byte[] value = ctx.bodyAsBytes();
    if (value.length > limits.maxValueBytes()) {
      throw ApiException.tooLarge(op + ": value is " + value.length + " bytes, limit is " + limits.maxValueBytes()
          + " (maxValueBytes)");
    }
    final long lease = Params.nonNegativeLong(ctx, op, "lease", 0);
    final PutResult r = client.kv().put(key, value, PutOptions.builder().lease(lease).build());
    ctx.json(Map.of("revision", r.revision()));
  }

  /** {@code DELETE /v1/kv/{key}[?prefix=true]}: {@code {"deleted":N,"revision":R}}; a missing key deletes 0. */
  void delete(Context ctx) {
    final String op = "delete";
    final byte[] key = key(ctx, op);
    final boolean prefix = Params.bool(ctx, op, "prefix", false);
    final DeleteResult r = client.kv().delete(key, DeleteOptions.builder().prefix(prefix).build());
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("deleted", r.deleted());
    body.put("revision", r.revision());
    ctx.json(body);
  }

  private GetOptions.Builder readOptions(Context ctx, String op) {
    final GetOptions.Builder b = GetOptions.builder().revision(Params.nonNegativeLong(ctx, op, "revision", 0));
    if (Params.bool(ctx, op, "serializable", false)) {
      // answered by this member from its local state, as SPEC section 3 defines serializable reads
      b.consistency(Consistency.SERIALIZABLE).member(memberId);
    }
    return b;
  }

  private byte[] key(Context ctx, String op) {
    final byte[] key = ctx.pathParam("key").getBytes(StandardCharsets.UTF_8);
    if (key.length == 0) {
      throw ApiException.invalid(op + ": the key is empty; use /v1/kv/{key}");
    }
    if (key.length > limits.maxKeyBytes()) {
      throw ApiException.tooLarge(op + ": key is " + key.length + " bytes, limit is " + limits.maxKeyBytes()
          + " (maxKeyBytes)");
    }
    return key;
  }
}
