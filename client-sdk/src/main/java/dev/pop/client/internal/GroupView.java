package dev.pop.client.internal;

import dev.pop.client.UnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * The POP group's Raft configuration as one member reported it: the leader's view when a leader answers.
 *
 * @param leaderId the leader, or null if no member that answered leads
 * @param peers the voting members (of the new configuration while a change is under way)
 * @param changing true while a joint configuration (old and new) is in force
 */
record GroupView(String leaderId, List<RaftPeer> peers, boolean changing) {
  GroupView {
    peers = List.copyOf(peers);
  }

  /**
   * Asks the members the client knows (the last known leader first) for the group info, each with the probe
   * timeout, until the leader answers.
   *
   * @param requireLeader fail with UNAVAILABLE unless the leader answered; otherwise any member's view will do
   */
  static GroupView read(MemberDirectory directory, RatisClients clients, ClientConfig config, boolean requireLeader,
      String op) {
    Membership known = directory.discoverNow();
    if (known == null || known.size() == 0) {
      throw new UnavailableException(op + ": no member answered (tried "
          + String.join(",", config.endpoints().stream().map(HostPort::address).toList())
          + "); check that the servers are running");
    }
    Map<String, Member> order = new LinkedHashMap<>();
    if (known.leaderId() != null) {
      order.put(known.leaderId(), known.member(known.leaderId()));
    }
    known.members().forEach(m -> order.putIfAbsent(m.id(), m));
    GroupView any = null;
    List<String> tried = new ArrayList<>();
    try (RaftClient admin = clients.newAdminClient(RatisClients.peers(known.members()), config.probeTimeout())) {
      for (Member m : order.values()) {
        tried.add(m.label());
        try {
          GroupInfoReply reply = GroupInfoProbe.ask(admin, RaftPeerId.valueOf(m.id()));
          GroupView v = of(reply);
          if (reply.getRoleInfoProto().getRole() == RaftPeerRole.LEADER) {
            return v;
          }
          any = any == null && !v.peers().isEmpty() ? v : any;
        } catch (IOException | RuntimeException e) {
          // unreachable: try the next member
        }
      }
    } catch (IOException e) {
      // closing the probe client failed: what was learnt stands
    }
    if (!requireLeader && any != null) {
      return any;
    }
    throw new UnavailableException(op + ": no leader answered (tried " + String.join(", ", tried)
        + "); a majority of the members must be up");
  }

  static GroupView of(GroupInfoReply reply) {
    String leader = reply.getRoleInfoProto().getRole() == RaftPeerRole.LEADER
        ? reply.getServerId().toString() : GroupInfoProbe.leaderOf(reply.getRoleInfoProto());
    if (reply.getConf().isPresent()) {
      RaftConfigurationProto conf = reply.getConf().get();
      List<RaftPeer> peers = new ArrayList<>();
      for (RaftPeerProto p : conf.getPeersList()) {
        peers.add(RaftPeer.newBuilder().setId(RaftPeerId.valueOf(p.getId())).setAddress(p.getAddress())
            .setDataStreamAddress(p.getDataStreamAddress().isEmpty() ? null : p.getDataStreamAddress()).build());
      }
      return new GroupView(leader, peers, conf.getOldPeersCount() > 0);
    }
    return new GroupView(leader, new ArrayList<>(reply.getGroup().getPeers()), false);
  }

  RaftPeer peer(String id) {
    for (RaftPeer p : peers) {
      if (p.getId().toString().equals(id)) {
        return p;
      }
    }
    return null;
  }

  String ids() {
    return String.join(",", peers.stream().map(p -> p.getId().toString()).toList());
  }

  /** The HTTP address recorded for a member, or null. */
  String httpAddress(RaftPeer p) {
    String a = p.getDataStreamAddress();
    return a == null || a.isBlank() ? null : a;
  }
}
