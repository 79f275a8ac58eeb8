package dev.pop.server.ratis;

import dev.pop.proto.Command;
import dev.pop.proto.ErrorCode;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.server.DivisionInfo;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Makes a linearizable read wait until this member has proven, after the read arrived, that it is still the
 * leader: it commits a no-op entry through the log and answers once that entry is applied.
 *
 * <p>Why not rely on Ratis' ReadIndex alone: Ratis 3.3 answers a ReadIndex request without a new heartbeat round
 * when an earlier round already acknowledged the same commit index ({@code ReadIndexHeartbeats}: "the readIndex is
 * already acknowledged before"). A deposed leader's commit index is frozen, so it kept serving reads from that old
 * acknowledgement: our Jepsen register test under a ring partition caught a stale read this way. A committed entry
 * proposed after the read arrived cannot be faked by a deposed leader, and applying it also applies every write
 * acknowledged before the read. Concurrent reads share one barrier, so the cost is one small log entry per
 * round trip, not per read. A single-member group needs none (no other member can be leader).
 */
final class ReadBarrier {
  private final Supplier<DivisionInfo> division;
  private final Function<Command, CompletableFuture<?>> propose;
  private Barrier current;

  private record Barrier(long proposedAtNanos, CompletableFuture<Void> applied) {
  }

  ReadBarrier(Supplier<DivisionInfo> division, Function<Command, CompletableFuture<?>> propose) {
    this.division = division;
    this.propose = propose;
  }

  /** Completes when a read that arrived at {@code arrivalNanos} may be answered from local state. */
  CompletableFuture<Void> await(long arrivalNanos) {
    final RoleInfoProto role = division.get().getRoleInfoProto();
    if (!role.hasLeaderInfo()) {
      return CompletableFuture.failedFuture(new PopRejection(ErrorCode.UNAVAILABLE,
          "read: linearizable reads are answered by the leader; " + role.getSelf().getId().toStringUtf8()
              + " is not the leader (retry on the leader, or ask for a serializable read)"));
    }
    if (role.getLeaderInfo().getFollowerInfoCount() == 0) {
      return CompletableFuture.completedFuture(null);
    }
    synchronized (this) {
      if (current != null && current.proposedAtNanos() >= arrivalNanos && !current.applied().isDone()) {
        return current.applied();
      }
      final CompletableFuture<Void> applied = new CompletableFuture<>();
      current = new Barrier(System.nanoTime(), applied);
      propose.apply(Command.getDefaultInstance()).whenComplete((reply, err) -> {
        final Throwable failure = err != null ? err : replyFailure(reply);
        if (failure == null) {
          applied.complete(null);
        } else {
          applied.completeExceptionally(new PopRejection(ErrorCode.UNAVAILABLE,
              "read: could not confirm leadership for a linearizable read: " + failure.getMessage()));
        }
      });
      return applied;
    }
  }

  private static Throwable replyFailure(Object reply) {
    if (reply instanceof org.apache.ratis.protocol.RaftClientReply r && !r.isSuccess()) {
      return r.getException() != null ? r.getException() : new IllegalStateException("barrier refused");
    }
    return null;
  }
}
