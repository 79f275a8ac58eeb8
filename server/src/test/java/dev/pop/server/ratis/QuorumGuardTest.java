package dev.pop.server.ratis;

import org.apache.ratis.proto.RaftProtos.LeaderInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuorumGuardTest {
  private static RoleInfoProto leaderWith(long... followerSilenceMs) {
    final LeaderInfoProto.Builder li = LeaderInfoProto.newBuilder();
    for (int i = 0; i < followerSilenceMs.length; i++) {
      li.addFollowerInfo(ServerRpcProto.newBuilder()
          .setId(RaftPeerProto.newBuilder().setId(ByteString.copyFromUtf8("f" + i)))
          .setLastRpcElapsedTimeMs(followerSilenceMs[i]));
    }
    return RoleInfoProto.newBuilder().setSelf(RaftPeerProto.newBuilder().setId(ByteString.copyFromUtf8("L")))
        .setLeaderInfo(li).build();
  }

  @Test
  void singleMemberAlwaysHasItsMajority() {
    assertEquals(Optional.empty(), QuorumGuard.evaluate(leaderWith(), 1000));
  }

  @Test
  void oneLiveFollowerOfTwoIsAMajorityOfThree() {
    assertEquals(Optional.empty(), QuorumGuard.evaluate(leaderWith(50, 90_000), 1000));
  }

  @Test
  void noLiveFollowerOfTwoIsRefusedWithWhoIsSilent() {
    final Optional<String> why = QuorumGuard.evaluate(leaderWith(5000, 90_000), 1000);
    assertTrue(why.isPresent());
    assertTrue(why.get().contains("reaches 1 of 3"), why.get());
    assertTrue(why.get().contains("f0") && why.get().contains("f1"), why.get());
    assertTrue(why.get().contains("majority"), why.get());
  }

  @Test
  void twoOfFiveIsNotAMajority() {
    assertTrue(QuorumGuard.evaluate(leaderWith(10, 5000, 5000, 5000), 1000).isPresent());
    assertEquals(Optional.empty(), QuorumGuard.evaluate(leaderWith(10, 10, 5000, 5000), 1000));
  }

  @Test
  void followersAreNotJudged() {
    assertEquals(Optional.empty(), QuorumGuard.evaluate(RoleInfoProto.getDefaultInstance(), 1000));
  }
}
