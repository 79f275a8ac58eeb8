package dev.pop.server.ratis;

import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.server.DivisionInfo;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Refuses writes on a leader that has not heard from a majority recently.
 *
 * <p>Without it, a leader cut off from its followers would append the write to its own log and the client
 * could only time out with an unknown outcome. A write refused here never reached the log, so the client can
 * report UNAVAILABLE ("not applied") truthfully. The check runs at most once per {@link #RECHECK_NANOS};
 * in between the last verdict is reused (a write that slips through in that window is merely slow to fail:
 * it cannot commit without a majority).
 */
final class QuorumGuard {
  private static final long RECHECK_NANOS = 20_000_000L;

  private final Supplier<DivisionInfo> division;
  private final long staleAfterMs;
  private volatile long checkedAt;
  private volatile Optional<String> verdict = Optional.empty();

  /** @param staleAfterMs a follower that has not answered for this long no longer counts towards the majority */
  QuorumGuard(Supplier<DivisionInfo> division, long staleAfterMs) {
    this.division = division;
    this.staleAfterMs = staleAfterMs;
  }

  /** Empty if the leader is in contact with a majority; otherwise why not. */
  Optional<String> check() {
    final long now = System.nanoTime();
    if (now - checkedAt < RECHECK_NANOS) {
      return verdict;
    }
    verdict = evaluate(division.get().getRoleInfoProto(), staleAfterMs);
    checkedAt = now;
    return verdict;
  }

  static Optional<String> evaluate(RoleInfoProto role, long staleAfterMs) {
    if (!role.hasLeaderInfo()) {
      return Optional.empty(); // not a leader: Ratis answers NotLeaderException itself
    }
    final int voters = role.getLeaderInfo().getFollowerInfoCount() + 1;
    int inContact = 1; // the leader itself
    final StringBuilder silent = new StringBuilder();
    for (ServerRpcProto f : role.getLeaderInfo().getFollowerInfoList()) {
      if (f.getLastRpcElapsedTimeMs() <= staleAfterMs) {
        inContact++;
      } else {
        silent.append(silent.length() == 0 ? "" : ", ").append(f.getId().getId().toStringUtf8())
            .append(" (silent ").append(f.getLastRpcElapsedTimeMs()).append(" ms)");
      }
    }
    if (inContact * 2 > voters) {
      return Optional.empty();
    }
    return Optional.of("leader " + role.getSelf().getId().toStringUtf8() + " reaches " + inContact + " of "
        + voters + " members (" + silent + "); a majority of " + voters + " must be reachable");
  }
}
