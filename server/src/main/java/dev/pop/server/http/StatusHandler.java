package dev.pop.server.http;

import dev.pop.proto.StatusResponse;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Probes and this member's own view of the cluster, all answered locally (no quorum needed): {@code /health},
 * {@code /ready}, {@code /v1/status}, {@code GET /v1/members}.
 */
final class StatusHandler {
  private final LocalMember member;

  StatusHandler(LocalMember member) {
    this.member = member;
  }

  void health(Context ctx) {
    ctx.json(Map.of("status", "serving"));
  }

  /** 200 when this member knows a leader and has applied everything it knows to be committed; 503 otherwise. */
  void ready(Context ctx) {
    final LocalMember.RaftView v = member.raftView();
    final Map<String, Object> body = new LinkedHashMap<>();
    final boolean ready = v.inGroup() && v.leader() != null && v.appliedIndex() >= v.commitIndex();
    body.put("ready", ready);
    if (!v.inGroup() || v.peers().isEmpty()) {
      body.put("reason", "not a member of the POP group yet");
    }
    body.put("leader", v.leader());
    body.put("commitIndex", v.commitIndex());
    body.put("appliedIndex", v.appliedIndex());
    ctx.status(ready ? 200 : 503).json(body);
  }

  /** {@code {id, role, leader, term, commitIndex, appliedIndex, revision, members:[...]}} plus the store's counters. */
  void status(Context ctx) {
    final LocalMember.RaftView v = member.raftView();
    final StatusResponse s = member.storeStatus();
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", member.id());
    body.put("role", v.role());
    body.put("leader", v.leader());
    body.put("term", v.term());
    body.put("commitIndex", v.commitIndex());
    body.put("appliedIndex", v.appliedIndex());
    body.put("revision", s.getRevision());
    body.put("compactRevision", s.getCompactRevision());
    body.put("keys", s.getKeyCount());
    body.put("leases", s.getLeaseCount());
    body.put("locks", s.getHeldLockCount());
    body.put("storeBytes", s.getStoreBytes());
    body.put("members", members(v, true));
    ctx.json(body);
  }

  /** {@code {leader, members:[{id, raftAddress, httpAddress}]}}: the configuration this member holds. */
  void members(Context ctx) {
    final LocalMember.RaftView v = member.raftView();
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("leader", v.leader());
    body.put("members", members(v, false));
    ctx.json(body);
  }

  private static List<Map<String, Object>> members(LocalMember.RaftView v, boolean detail) {
    final List<Map<String, Object>> out = new ArrayList<>();
    for (LocalMember.Peer p : v.peers()) {
      final Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", p.id());
      m.put("raftAddress", p.raftAddress());
      m.put("httpAddress", p.httpAddress());
      if (detail) {
        m.put("role", p.role());
        m.put("matchIndex", p.matchIndex());
        m.put("lastContactMs", p.lastContactMs());
      }
      out.add(m);
    }
    return out;
  }
}
