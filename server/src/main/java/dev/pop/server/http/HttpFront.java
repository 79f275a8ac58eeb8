package dev.pop.server.http;

import dev.pop.client.PopClient;
import dev.pop.server.ServerConfig;
import dev.pop.server.ratis.PopStateMachine;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import org.apache.ratis.server.RaftServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP front of one member (SPEC section 6): probes, status, metrics, the OpenAPI document, membership admin,
 * backups and the JSON data API. Data and membership calls go through an SDK {@link PopClient} embedded here and
 * aimed at the group's members, so they get the SDK's leader forwarding, batching and exactly-once retries; errors
 * become {@code {"error", "message"}} in {@link HttpErrors}, the one place that maps them.
 */
public final class HttpFront implements AutoCloseable {
  private static final String OP = "pop.op";
  private static final String START = "pop.start";
  /** Events an SSE watcher may fall behind by before its watch is cancelled (the SDK's per-watch bound). */
  private static final int WATCH_BUFFERED_EVENTS = 10_000;

  private final Javalin app;
  private final PopClient client;

  private HttpFront(Javalin app, PopClient client) {
    this.app = app;
    this.client = client;
  }

  public static HttpFront start(ServerConfig config, RaftServer raft, PopStateMachine stateMachine) {
    final LocalMember member = new LocalMember(config, raft, stateMachine);
    final AdminAuth auth = AdminAuth.fromFile(config.adminTokenFile());
    final PopClient client = PopClient.builder().endpoints(endpoints(config)).timeout(Duration.ofSeconds(5)).build();
    final long maxRequestBytes = config.limits().maxRequestBytes();
    final Javalin app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.http.maxRequestSize = maxRequestBytes;
      c.router.ignoreTrailingSlashes = true;
    });
    final PopMetrics metrics = new PopMetrics(member);
    final HttpFront front = new HttpFront(app, client);
    HttpErrors.register(app, maxRequestBytes);
    app.before(ctx -> ctx.attribute(START, System.nanoTime()));
    app.after(ctx -> {
      final Long start = ctx.attribute(START);
      final String op = ctx.attribute(OP);
      if (start != null && op != null) {
        final String code = ctx.attribute(HttpErrors.CODE_ATTRIBUTE);
        metrics.request(op, code != null ? code : "OK", System.nanoTime() - start);
      }
    });

    final StatusHandler status = new StatusHandler(member);
    front.route(HandlerType.GET, "/health", "health", status::health);
    front.route(HandlerType.GET, "/ready", "ready", status::ready);
    front.route(HandlerType.GET, "/v1/status", "status", status::status);
    front.route(HandlerType.GET, "/v1/members", "member_list", status::members);
    front.route(HandlerType.GET, "/v1/cluster", "cluster", new ClusterHandler(member, client)::cluster);
    front.route(HandlerType.GET, "/metrics", "metrics",
        ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    StaticPages.register(front);

    final MembersHandler members = new MembersHandler(client, auth);
    front.route(HandlerType.POST, "/v1/members", "member_add", members::add);
    front.route(HandlerType.DELETE, "/v1/members/{id}", "member_remove", members::remove);
    front.route(HandlerType.POST, "/v1/leader/transfer", "leader_transfer", members::transferLeader);

    final SnapshotHandler snapshot = new SnapshotHandler(member, client, auth);
    front.route(HandlerType.GET, "/v1/snapshot", "snapshot", snapshot::save);
    front.route(HandlerType.POST, "/v1/snapshot", "snapshot", snapshot::save);

    final KvHandler kv = new KvHandler(client, config.limits(), config.id());
    front.route(HandlerType.GET, "/v1/kv", "kv_range", kv::range);
    front.route(HandlerType.GET, "/v1/kv/<key>", "kv_get", kv::get);
    front.route(HandlerType.PUT, "/v1/kv/<key>", "kv_put", kv::put);
    front.route(HandlerType.DELETE, "/v1/kv/<key>", "kv_delete", kv::delete);

    final PrimitivesHandler primitives = new PrimitivesHandler(client);
    front.route(HandlerType.POST, "/v1/txn", "txn", primitives::txn);
    front.route(HandlerType.POST, "/v1/counters/<key>/increment", "increment", primitives::increment);
    front.route(HandlerType.POST, "/v1/leases", "lease_grant", primitives::grant);
    front.route(HandlerType.POST, "/v1/leases/{id}/keepalive", "lease_keepalive", primitives::keepAlive);
    front.route(HandlerType.DELETE, "/v1/leases/{id}", "lease_revoke", primitives::revoke);
    front.route(HandlerType.GET, "/v1/leases/{id}", "lease_ttl", primitives::timeToLive);
    front.route(HandlerType.POST, "/v1/locks/<name>", "lock", primitives::lock);
    front.route(HandlerType.DELETE, "/v1/locks/<name>", "unlock", primitives::unlock);
    front.route(HandlerType.GET, "/v1/locks/<name>", "lock_status", primitives::lockStatus);

    final StreamsHandler streams = new StreamsHandler(client, auth);
    front.route(HandlerType.GET, "/v1/logs", "log_list", streams::list);
    front.route(HandlerType.POST, "/v1/logs/{stream}", "log_append", streams::append);
    front.route(HandlerType.GET, "/v1/logs/{stream}", "log_read", streams::read);
    front.route(HandlerType.DELETE, "/v1/logs/{stream}", "log_trim", streams::trim);
    front.route(HandlerType.POST, "/v1/compact", "compact", streams::compact);
    front.route(HandlerType.GET, "/v1/watch", "watch", new WatchSse(client, WATCH_BUFFERED_EVENTS)::handle);

    try {
      app.start(config.httpAddress().getHostString(), config.httpAddress().getPort());
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    return front;
  }

  /** Registers a handler that records its operation name for the request metrics. */
  void route(HandlerType type, String path, String op, Handler handler) {
    app.addHttpHandler(type, path, ctx -> {
      ctx.attribute(OP, op);
      handler.handle(ctx);
    });
  }

  /** This member first, then the initial peers: the SDK learns the rest (and later changes) from any of them. */
  private static List<String> endpoints(ServerConfig config) {
    final List<String> out = new ArrayList<>();
    out.add(config.raftAddress().getHostString() + ":" + config.raftAddress().getPort());
    for (String a : config.peers().values()) {
      if (!out.contains(a)) {
        out.add(a);
      }
    }
    return out;
  }

  /** The port actually bound (useful when the configured port is 0). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
    client.close();
  }
}
