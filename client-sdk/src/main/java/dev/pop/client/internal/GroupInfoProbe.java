package dev.pop.client.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/** Asks one member, through Ratis' admin API, for the POP group's membership and its own Raft state. */
final class GroupInfoProbe {
  private GroupInfoProbe() {
  }

  /** Blocking; fails with an I/O or gRPC exception when the member does not answer in the client's timeout. */
  static GroupInfoReply ask(RaftClient admin, RaftPeerId peer) throws IOException {
    try {
      return admin.getGroupManagementApi(peer).info(PopGroup.ID);
    } catch (RuntimeException e) {
      // Ratis' blocking admin call lets gRPC's StatusRuntimeException through unwrapped
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The membership the member reports, with the leader it knows. */
  static Membership membership(GroupInfoReply reply) {
    List<Member> members = new ArrayList<>();
    for (RaftPeer p : reply.getGroup().getPeers()) {
      members.add(new Member(p.getId().toString(), p.getAddress()));
    }
    return new Membership(members, leaderOf(reply.getRoleInfoProto()));
  }

  /** The leader as the member knows it: itself if it leads, else the leader it follows; null if none. */
  static String leaderOf(RoleInfoProto role) {
    if (role.getRole() == RaftPeerRole.LEADER) {
      return RaftPeerId.valueOf(role.getSelf().getId()).toString();
    }
    if (role.getRole() == RaftPeerRole.FOLLOWER && role.hasFollowerInfo()
        && role.getFollowerInfo().hasLeaderInfo() && !role.getFollowerInfo().getLeaderInfo().getId().getId().isEmpty()) {
      return RaftPeerId.valueOf(role.getFollowerInfo().getLeaderInfo().getId().getId()).toString();
    }
    return null;
  }
}
