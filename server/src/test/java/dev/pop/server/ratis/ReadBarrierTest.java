package dev.pop.server.ratis;

import dev.pop.proto.Command;
import org.apache.ratis.proto.RaftProtos.LeaderInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regression for the stale read the Jepsen register test found (Ratis ReadIndex reusing an old acknowledgement). */
class ReadBarrierTest {
  private final List<CompletableFuture<Object>> proposed = new ArrayList<>();
  private RoleInfoProto role = leader(2);

  private final ReadBarrier barrier = new ReadBarrier(() -> info(role), (Command c) -> {
    assertEquals(0, c.getRequestsCount(), "a barrier is an empty command");
    final CompletableFuture<Object> f = new CompletableFuture<>();
    proposed.add(f);
    return f;
  });

  @Test
  void aReadWaitsForABarrierProposedAfterItArrived() {
    final CompletableFuture<Void> read = barrier.await(System.nanoTime());
    assertEquals(1, proposed.size());
    assertFalse(read.isDone(), "no answer before the barrier is applied");
    proposed.get(0).complete("applied");
    assertTrue(read.isDone() && !read.isCompletedExceptionally());
  }

  @Test
  void concurrentReadsShareOneBarrierButLaterReadsNeedANewOne() {
    final long before = System.nanoTime();
    final CompletableFuture<Void> a = barrier.await(before);
    final CompletableFuture<Void> b = barrier.await(before);
    assertSame(a, b, "reads that arrived before the barrier was proposed share it");
    assertEquals(1, proposed.size());
    final CompletableFuture<Void> later = barrier.await(System.nanoTime() + 1);
    assertEquals(2, proposed.size(), "a read arriving after the proposal cannot use that barrier");
    proposed.get(0).complete("applied");
    assertTrue(a.isDone());
    assertFalse(later.isDone());
  }

  @Test
  void aFailedBarrierFailsTheReadAsUnavailable() {
    final CompletableFuture<Void> read = barrier.await(System.nanoTime());
    proposed.get(0).completeExceptionally(new java.io.IOException("not leader"));
    final ExecutionException e = assertThrows(ExecutionException.class, read::get);
    assertTrue(e.getCause() instanceof PopRejection r && r.code() == dev.pop.proto.ErrorCode.UNAVAILABLE);
  }

  @Test
  void followersRefuseAndSingleMembersNeedNoBarrier() {
    role = RoleInfoProto.newBuilder().setSelf(RaftPeerProto.newBuilder().setId(ByteString.copyFromUtf8("n2"))).build();
    assertTrue(barrier.await(System.nanoTime()).isCompletedExceptionally(), "a follower does not answer");
    role = leader(0);
    assertTrue(barrier.await(System.nanoTime()).isDone());
    assertTrue(proposed.isEmpty());
  }

  private static RoleInfoProto leader(int followers) {
    final LeaderInfoProto.Builder li = LeaderInfoProto.newBuilder();
    for (int i = 0; i < followers; i++) {
      li.addFollowerInfo(ServerRpcProto.newBuilder().setId(RaftPeerProto.newBuilder().setId(ByteString.copyFromUtf8("f" + i))));
    }
    return RoleInfoProto.newBuilder().setSelf(RaftPeerProto.newBuilder().setId(ByteString.copyFromUtf8("n1")))
        .setLeaderInfo(li).build();
  }

  private static DivisionInfo info(RoleInfoProto role) {
    return (DivisionInfo) Proxy.newProxyInstance(DivisionInfo.class.getClassLoader(), new Class<?>[] {DivisionInfo.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getRoleInfoProto")) {
            return role;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
