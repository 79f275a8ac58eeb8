package dev.pop.server.http;

import dev.pop.client.PopClient;
import dev.pop.client.counter.Bounds;
import dev.pop.client.counter.IncrementResult;
import dev.pop.client.lease.Lease;
import dev.pop.client.lease.LeaseRevoked;
import dev.pop.client.lease.LeaseTimeToLive;
import dev.pop.client.lock.LockGrant;
import dev.pop.client.lock.LockStatus;
import dev.pop.client.txn.TxnJson;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The coordination data API through the embedded SDK client: {@code POST /v1/txn} (the body of SPEC section 6,
 * as {@code popctl txn} reads it, parsed by the SDK's {@link TxnJson}), counters, leases and fenced locks.
 * Keys and values in JSON are UTF-8 text.
 */
final class PrimitivesHandler {
  private static final long MAX_LOCK_WAIT_MS = 60_000;

  private final PopClient client;

  PrimitivesHandler(PopClient client) {
    this.client = client;
  }

  /** {@code POST /v1/txn}: {@code {"succeeded","revision","results":[...]}}. */
  void txn(Context ctx) {
    final TxnJson.Parsed t = TxnJson.parse(ctx.body(), "the request body");
    ctx.json(TxnJson.toJson(client.txn().when(t.compares().toArray(new dev.pop.client.txn.Cmp[0]))
        .then(t.success().toArray(new dev.pop.client.txn.Op[0]))
        .otherwise(t.failure().toArray(new dev.pop.client.txn.Op[0])).commit()));
  }

  /** {@code POST /v1/counters/{key}/increment {"delta","min"?,"max"?}}: {@code {"key","value","revision"}}. */
  void increment(Context ctx) {
    final String op = "increment";
    final String key = ctx.pathParam("key");
    final JsonBody body = JsonBody.of(ctx, op);
    final long delta = body.requiredLong("delta");
    final Long min = body.has("min") ? body.requiredLong("min") : null;
    final Long max = body.has("max") ? body.requiredLong("max") : null;
    if (min != null && max != null && min > max) {
      throw ApiException.invalid(op + ": min " + min + " is above max " + max);
    }
    final IncrementResult r = client.counters().increment(key.getBytes(StandardCharsets.UTF_8), delta,
        new Bounds(min, max));
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", key);
    out.put("value", r.value());
    out.put("revision", r.revision());
    ctx.json(out);
  }

  /** {@code POST /v1/leases {"ttlMs"}}: {@code {"id","ttlMs"}}. */
  void grant(Context ctx) {
    final long ttlMs = JsonBody.of(ctx, "lease grant").requiredLong("ttlMs");
    if (ttlMs <= 0) {
      throw ApiException.invalid("lease grant: field 'ttlMs' is " + ttlMs + ", must be > 0");
    }
    ctx.json(lease(client.leases().grant(Duration.ofMillis(ttlMs))));
  }

  /** {@code POST /v1/leases/{id}/keepalive}: {@code {"id","ttlMs"}}. */
  void keepAlive(Context ctx) {
    ctx.json(lease(client.leases().keepAlive(id(ctx, "lease keepalive"))));
  }

  /** {@code DELETE /v1/leases/{id}}: {@code {"id","deleted","revision"}} (the keys deleted with it). */
  void revoke(Context ctx) {
    final long id = id(ctx, "lease revoke");
    final LeaseRevoked r = client.leases().revoke(id);
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("deleted", r.deleted());
    out.put("revision", r.revision());
    ctx.json(out);
  }

  /** {@code GET /v1/leases/{id}?keys=true}: {@code {"id","ttlMs","remainingMs","keys"}}. */
  void timeToLive(Context ctx) {
    final String op = "lease ttl";
    final LeaseTimeToLive t = client.leases().timeToLive(id(ctx, op), Params.bool(ctx, op, "keys", false));
    final List<String> keys = new ArrayList<>();
    t.keys().forEach(k -> keys.add(new String(k, StandardCharsets.UTF_8)));
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("ttlMs", t.ttl().toMillis());
    out.put("remainingMs", t.remaining().toMillis());
    out.put("keys", keys);
    ctx.json(out);
  }

  /**
   * {@code POST /v1/locks/{name} {"leaseId","waitMs"?}}: {@code {"name","fence"}}; not granted within waitMs
   * (default 0: one try) is a CONFLICT.
   */
  void lock(Context ctx) {
    final String op = "lock";
    final String name = ctx.pathParam("name");
    final JsonBody body = JsonBody.of(ctx, op);
    final long lease = body.requiredLong("leaseId");
    final long waitMs = body.has("waitMs") ? body.requiredLong("waitMs") : 0;
    if (lease <= 0) {
      throw ApiException.invalid(op + ": field 'leaseId' is " + lease + ", must be > 0");
    }
    if (waitMs < 0 || waitMs > MAX_LOCK_WAIT_MS) {
      throw ApiException.invalid(op + ": field 'waitMs' is " + waitMs + ", must be in [0, " + MAX_LOCK_WAIT_MS + "]");
    }
    final LockGrant g = client.locks().lock(name, lease, Duration.ofMillis(waitMs));
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", g.name());
    out.put("fence", g.fence());
    out.put("leaseId", g.leaseId());
    ctx.json(out);
  }

  /** {@code DELETE /v1/locks/{name}?fence=F}: releases; {@code {"name","released"}}. */
  void unlock(Context ctx) {
    final String op = "unlock";
    final String name = ctx.pathParam("name");
    final long fence = Params.nonNegativeLong(ctx, op, "fence", 0);
    if (fence == 0) {
      throw ApiException.invalid(op + ": query parameter 'fence' is required (the fence the lock is held with)");
    }
    client.locks().unlock(name, fence);
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("released", fence);
    ctx.json(out);
  }

  /** {@code GET /v1/locks/{name}}: {@code {"name","held","fence","leaseId","waiters"}}. */
  void lockStatus(Context ctx) {
    final LockStatus s = client.locks().lockStatus(ctx.pathParam("name"));
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", s.name());
    out.put("held", s.held());
    out.put("fence", s.fence());
    out.put("leaseId", s.leaseId());
    out.put("waiters", s.waiters());
    ctx.json(out);
  }

  private static Map<String, Object> lease(Lease l) {
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", l.id());
    out.put("ttlMs", l.ttl().toMillis());
    return out;
  }

  private static long id(Context ctx, String op) {
    final String raw = ctx.pathParam("id");
    try {
      final long id = Long.parseLong(raw.strip());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.invalid(op + ": lease id '" + raw + "' must be a positive integer");
  }
}
