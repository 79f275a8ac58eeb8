package dev.pop.server.http;

import dev.pop.proto.Query;
import dev.pop.proto.Request;
import dev.pop.proto.StatusRequest;
import dev.pop.proto.StatusResponse;
import dev.pop.server.ServerConfig;
import dev.pop.server.apply.ReplicatedStore;
import dev.pop.server.ratis.PopGroup;
import dev.pop.server.ratis.PopStateMachine;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What this member knows locally, without asking the cluster: its Raft role, term and indexes, the configuration it
 * holds, the followers' match indexes (on the leader), and its store's counters. Answers even without a quorum.
 */
public final class LocalMember {
  private static final byte[] STATUS_QUERY = Query.newBuilder()
      .addRequests(Request.newBuilder().setStatus(StatusRequest.getDefaultInstance())).build().toByteArray();
  private static final long STORE_STATUS_CACHE_NANOS = 250_000_000L;

  private final ServerConfig config;
  private final RaftServer raft;
  private final PopStateMachine stateMachine;
  private volatile StatusResponse cachedStatus = StatusResponse.getDefaultInstance();
  private volatile long cachedAtNanos = System.nanoTime() - 2 * STORE_STATUS_CACHE_NANOS;

  public LocalMember(ServerConfig config, RaftServer raft, PopStateMachine stateMachine) {
    this.config = config;
    this.raft = raft;
    this.stateMachine = stateMachine;
  }

  /** One member of the configuration as this member sees it. */
  public record Peer(String id, String raftAddress, String httpAddress, String role, Long matchIndex,
      Long lastContactMs) {
  }

  /** A consistent-enough picture of this member's Raft state; {@code inGroup} is false before it joined. */
  public record RaftView(boolean inGroup, String role, String leader, long term, long commitIndex,
      long appliedIndex, List<Peer> peers) {
  }

  public String id() {
    return config.id();
  }

  public ServerConfig config() {
    return config;
  }

  public PopStateMachine stateMachine() {
    return stateMachine;
  }

  public RaftServer raftServer() {
    return raft;
  }

  public RaftView raftView() {
    final RaftServer.Division division;
    try {
      division = raft.getDivision(PopGroup.ID);
    } catch (IOException e) {
      return new RaftView(false, "NONE", null, 0, 0, 0, List.of());
    }
    final DivisionInfo info = division.getInfo();
    final RoleInfoProto roleInfo = info.getRoleInfoProto();
    final boolean leading = roleInfo.getRole() == RaftPeerRole.LEADER;
    final String leader = info.getLeaderId() == null ? null : info.getLeaderId().toString();
    final Map<String, long[]> followers = leading ? followers(info, roleInfo) : Map.of();
    final long lastIndex = division.getRaftLog().getLastEntryTermIndex() == null ? 0
        : division.getRaftLog().getLastEntryTermIndex().getIndex();
    final List<Peer> peers = new ArrayList<>();
    for (RaftPeer p : division.getRaftConf().getCurrentPeers()) {
      final String pid = p.getId().toString();
      final long[] f = followers.get(pid);
      final String role = pid.equals(leader) ? "LEADER"
          : f != null && f[1] > unreachableAfterMs() ? "UNREACHABLE" : "FOLLOWER";
      Long match = null;
      Long contact = null;
      if (leading) {
        match = pid.equals(id()) ? lastIndex : f == null ? null : f[0];
        contact = pid.equals(id()) ? 0L : f == null ? null : f[1];
      }
      peers.add(new Peer(pid, p.getAddress(), httpAddressOf(p), role, match, contact));
    }
    return new RaftView(true, roleInfo.getRole().name(), leader, info.getCurrentTerm(),
        division.getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex(), peers);
  }

  /** The HTTP address recorded for a peer (dataStreamAddress, see PopServer), else this member's own. */
  String httpAddressOf(RaftPeer p) {
    final String a = p.getDataStreamAddress();
    if (a != null && !a.isBlank()) {
      return a;
    }
    if (p.getId().toString().equals(id()) && config.httpAddress() != null) {
      return config.httpAddress().getHostString() + ":" + config.httpAddress().getPort();
    }
    return config.peersHttp().get(p.getId().toString());
  }

  /** Follower id → {match index, ms since its last reply}, on the leader. */
  private static Map<String, long[]> followers(DivisionInfo info, RoleInfoProto roleInfo) {
    final Map<String, long[]> out = new HashMap<>();
    final long[] matches = info.getFollowerMatchIndices();
    final List<ServerRpcProto> rpc = roleInfo.getLeaderInfo().getFollowerInfoList();
    for (int i = 0; i < rpc.size(); i++) {
      final String fid = RaftPeerId.valueOf(rpc.get(i).getId().getId()).toString();
      // both lists come from the same appender list; if it changed in between, leave the match index unknown
      final long match = matches.length == rpc.size() ? matches[i] : -1;
      out.put(fid, new long[] {match, rpc.get(i).getLastRpcElapsedTimeMs()});
    }
    return out;
  }

  private long unreachableAfterMs() {
    return 3 * config.tuning().electionMax().toMillis();
  }

  /** Watch polls and log tails parked on this member now. */
  public double parkedReads() {
    return stateMachine.store() instanceof dev.pop.server.store.RocksStore rocks ? rocks.parkedReads() : 0;
  }

  /** The store's counters (revision, keys, leases, locks, size), cached for a quarter second. */
  public StatusResponse storeStatus() {
    final long now = System.nanoTime();
    if (now - cachedAtNanos < STORE_STATUS_CACHE_NANOS) {
      return cachedStatus;
    }
    try {
      final ReplicatedStore store = stateMachine.store();
      if (store != null) {
        cachedStatus = store.query(Query.parseFrom(STATUS_QUERY)).getResponses(0).getStatus();
        cachedAtNanos = now;
      }
    } catch (Exception e) {
      // the store is being swapped (snapshot install) or closed: keep the last answer
    }
    return cachedStatus;
  }
}
