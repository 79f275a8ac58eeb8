package dev.pop.server.http;

import dev.pop.client.ClusterStatus;
import dev.pop.client.MemberStatus;
import dev.pop.client.PopClient;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/cluster}: every member asked directly (through the SDK's cluster status: works without a quorum),
 * with its role, term, indexes, revision and lag (the highest commit index any member reported, minus its applied
 * index), plus the HTTP addresses and the leader's match indexes this member knows. Feeds the dashboard.
 */
final class ClusterHandler {
  private final LocalMember member;
  private final PopClient client;

  ClusterHandler(LocalMember member, PopClient client) {
    this.member = member;
    this.client = client;
  }

  void cluster(Context ctx) {
    final ClusterStatus status = client.cluster().status();
    final Map<String, LocalMember.Peer> known = new HashMap<>();
    for (LocalMember.Peer p : member.raftView().peers()) {
      known.put(p.id(), p);
    }
    final long commit = status.members().stream().mapToLong(MemberStatus::commitIndex).max().orElse(0);
    final List<Map<String, Object>> members = new ArrayList<>();
    for (MemberStatus m : status.members()) {
      final LocalMember.Peer p = known.get(m.id());
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", m.id());
      out.put("raftAddress", m.address());
      out.put("httpAddress", p == null ? null : p.httpAddress());
      out.put("role", m.role().name());
      out.put("term", m.term());
      out.put("commitIndex", m.commitIndex());
      out.put("appliedIndex", m.appliedIndex());
      out.put("matchIndex", p == null ? null : p.matchIndex());
      out.put("revision", m.revision());
      out.put("lag", m.role().name().equals("UNREACHABLE") ? null : Math.max(0, commit - m.appliedIndex()));
      members.add(out);
    }
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("leader", status.leaderId());
    body.put("members", members);
    ctx.json(body);
  }
}
