package dev.pop.server.http;

import dev.pop.client.PopClient;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Membership changes and leader transfer ({@code POST /v1/members}, {@code DELETE /v1/members/{id}},
 * {@code POST /v1/leader/transfer}), through the embedded SDK client: the change runs on the leader whichever member
 * receives it. Admin calls: they need the bearer token when one is configured.
 */
final class MembersHandler {
  private static final Logger LOG = LoggerFactory.getLogger(MembersHandler.class);

  private final PopClient client;
  private final AdminAuth auth;

  MembersHandler(PopClient client, AdminAuth auth) {
    this.client = client;
    this.auth = auth;
  }

  /** {@code {id, raftAddress, httpAddress?}} → 201 with the member; idempotent for the same id and address. */
  void add(Context ctx) {
    final String op = "member add";
    auth.check(ctx, op);
    final JsonBody body = JsonBody.of(ctx, op);
    final String id = body.requiredString("id");
    final String raft = body.requiredString("raftAddress");
    final String http = body.optionalString("httpAddress");
    client.cluster().addMember(id, raft, http);
    LOG.info("membership: added {} (Raft {}, HTTP {}) via HTTP", id, raft, http);
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("raftAddress", raft);
    out.put("httpAddress", http);
    ctx.status(201).json(out);
  }

  void remove(Context ctx) {
    final String op = "member remove";
    auth.check(ctx, op);
    final String id = ctx.pathParam("id");
    client.cluster().removeMember(id);
    LOG.info("membership: removed {} via HTTP", id);
    ctx.json(Map.of("removed", id));
  }

  /** {@code {id}} → 200 {@code {"leader": id}} once it leads. */
  void transferLeader(Context ctx) {
    final String op = "leader transfer";
    auth.check(ctx, op);
    final String id = JsonBody.of(ctx, op).requiredString("id");
    client.cluster().transferLeader(id);
    LOG.info("leadership: transferred to {} via HTTP", id);
    ctx.json(Map.of("leader", id));
  }
}
