package dev.pop.client;

import dev.pop.client.cluster.ClusterMember;
import java.util.List;

/**
 * Cluster-level information and membership administration. Thread-safe.
 *
 * <p>Membership changes go through Ratis' admin API to the leader, which runs them with joint consensus. They take
 * at least the per-call timeout ({@link PopClient.Builder#timeout}) or 30 s, whichever is longer, because a new
 * member must first catch up (from a snapshot if the log was purged). Implementations other than the SDK's (test
 * fakes) may not support them: the defaults throw {@link UnsupportedOperationException}.
 */
public interface Cluster {
  /**
   * Asks every member directly, in parallel and with a short per-member timeout (works without a quorum).
   * Members that do not answer are listed with role {@link Role#UNREACHABLE}. Membership is learnt from any
   * reachable endpoint; if none answers the configured endpoints are listed as unreachable.
   */
  ClusterStatus status();

  /**
   * The voting members in the current Raft configuration, as the leader reports it (any member's view if there is
   * no leader).
   *
   * @throws UnavailableException if no member answered
   */
  default List<ClusterMember> members() {
    throw new UnsupportedOperationException("membership needs the SDK's Ratis transport");
  }

  /**
   * Adds a voting member. Start it first with {@code pop-server --join}; the leader brings it up to date, then
   * commits the new configuration. Adding a member that is already there with the same Raft address succeeds
   * without change, so the call may be retried.
   *
   * @param httpAddress its HTTP host:port, recorded in the configuration for status pages; may be null
   * @throws InvalidArgumentException for a malformed id or address
   * @throws ConflictException if the id or the address is taken by another member, or the membership changed
   *     concurrently
   * @throws UnavailableException if there is no leader, or the new member did not catch up (is it running?); the
   *     configuration did not change
   */
  default void addMember(String id, String raftAddress, String httpAddress) {
    throw new UnsupportedOperationException("membership needs the SDK's Ratis transport");
  }

  /**
   * Removes a voting member (the leader too: it steps down once the new configuration is committed). Refused,
   * with nothing changed, when the members left would not include a live majority of the new configuration.
   * Stop the removed member's process afterwards.
   *
   * @throws NotFoundException if {@code id} is not a member
   * @throws InvalidArgumentException when removing the last member
   * @throws UnavailableException if there is no leader or the removal would leave no live quorum
   */
  default void removeMember(String id) {
    throw new UnsupportedOperationException("membership needs the SDK's Ratis transport");
  }

  /**
   * Makes {@code id} the leader (Ratis leadership transfer); returns once it leads. A no-op if it already does.
   *
   * @throws NotFoundException if {@code id} is not a member
   * @throws UnavailableException if there is no leader or the transfer did not complete in time
   */
  default void transferLeader(String id) {
    throw new UnsupportedOperationException("membership needs the SDK's Ratis transport");
  }
}
