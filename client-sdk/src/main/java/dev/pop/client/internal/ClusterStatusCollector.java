package dev.pop.client.internal;

import dev.pop.client.ClusterStatus;
import dev.pop.client.MemberStatus;
import dev.pop.client.Role;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.Request;
import dev.pop.proto.StatusRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.LogInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * Builds {@link ClusterStatus} by asking every member directly and in parallel: Ratis group info for role, term and
 * indexes, and a serializable {@code Query{status}} for its revision. Works without a quorum; a member that does not
 * answer within the probe timeout is UNREACHABLE.
 */
final class ClusterStatusCollector {
  private static final byte[] STATUS_QUERY = Query.newBuilder()
      .addRequests(Request.newBuilder().setStatus(StatusRequest.getDefaultInstance())).build().toByteArray();

  private final MemberDirectory directory;
  private final RatisClients clients;
  private final Duration probeTimeout;
  private final Executor blocking;
  private final List<HostPort> endpoints;

  ClusterStatusCollector(MemberDirectory directory, RatisClients clients, Duration probeTimeout, Executor blocking,
      List<HostPort> endpoints) {
    this.directory = directory;
    this.clients = clients;
    this.probeTimeout = probeTimeout;
    this.blocking = blocking;
    this.endpoints = endpoints;
  }

  ClusterStatus collect() {
    Membership membership = directory.discoverNow();
    if (membership == null) {
      List<MemberStatus> none = new ArrayList<>();
      for (HostPort hp : endpoints) {
        none.add(unreachable(new Member(hp.address(), hp.address())));
      }
      return new ClusterStatus(null, none);
    }
    List<CompletableFuture<Probe>> probes = new ArrayList<>();
    RaftClient admin = clients.newAdminClient(RatisClients.peers(membership.members()), probeTimeout);
    try {
      for (Member m : membership.members()) {
        probes.add(CompletableFuture.supplyAsync(() -> probe(admin, m), blocking));
      }
      List<MemberStatus> out = new ArrayList<>();
      String leader = null;
      long leaderTerm = -1;
      String reportedLeader = null;
      for (CompletableFuture<Probe> f : probes) {
        Probe p = f.join();
        out.add(p.status());
        if (p.status().role() == Role.LEADER && p.status().term() > leaderTerm) {
          leader = p.status().id();
          leaderTerm = p.status().term();
        }
        if (reportedLeader == null && p.knownLeader() != null) {
          reportedLeader = p.knownLeader();
        }
      }
      return new ClusterStatus(leader != null ? leader : reportedLeader, out);
    } finally {
      try {
        admin.close();
      } catch (java.io.IOException | RuntimeException ignored) {
        // nothing useful to do: the status is complete
      }
    }
  }

  private record Probe(MemberStatus status, String knownLeader) {
  }

  private Probe probe(RaftClient admin, Member m) {
    RaftPeerId id = RaftPeerId.valueOf(m.id());
    GroupInfoReply info;
    try {
      info = GroupInfoProbe.ask(admin, id);
    } catch (Exception e) {
      return new Probe(unreachable(m), null);
    }
    RoleInfoProto role = info.getRoleInfoProto();
    LogInfoProto log = info.getLogInfoProto();
    long term = role.hasLeaderInfo() ? role.getLeaderInfo().getTerm() : log.getLastEntry().getTerm();
    long commit = log.getCommitted().getIndex();
    for (CommitInfoProto ci : info.getCommitInfos()) {
      if (RaftPeerId.valueOf(ci.getServer().getId()).equals(id)) {
        commit = Math.max(commit, ci.getCommitIndex());
      }
    }
    MemberStatus s = new MemberStatus(m.id(), m.address(), role(role), term, commit, log.getApplied().getIndex(),
        revision(admin, id));
    return new Probe(s, GroupInfoProbe.leaderOf(role));
  }

  private static long revision(RaftClient admin, RaftPeerId id) {
    try {
      Message msg = Message.valueOf(
          org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations.unsafeWrap(STATUS_QUERY));
      RaftClientReply reply = admin.io().sendStaleRead(msg, 0, id);
      QueryResult r = QueryResult.parseFrom(reply.getMessage().getContent().asReadOnlyByteBuffer());
      if (r.getResponsesCount() > 0 && r.getResponses(0).hasStatus()) {
        return r.getResponses(0).getStatus().getRevision();
      }
      return r.getHeader().getRevision();
    } catch (Exception e) {
      return 0;
    }
  }

  private static Role role(RoleInfoProto role) {
    return switch (role.getRole()) {
      case LEADER -> Role.LEADER;
      case FOLLOWER -> Role.FOLLOWER;
      case CANDIDATE -> Role.CANDIDATE;
      case LISTENER -> Role.LISTENER;
      default -> Role.UNREACHABLE;
    };
  }

  private static MemberStatus unreachable(Member m) {
    return new MemberStatus(m.id(), m.address(), Role.UNREACHABLE, 0, 0, 0, 0);
  }
}
