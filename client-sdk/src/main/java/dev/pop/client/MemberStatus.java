package dev.pop.client;

/**
 * One member as it reported itself. For a member with role {@link Role#UNREACHABLE} the numbers are 0.
 *
 * @param id member id (e.g. {@code n1})
 * @param address its Raft/client address, host:port
 * @param role its Raft role, or UNREACHABLE
 * @param term its current Raft term (the last log entry's term when it is not the leader)
 * @param commitIndex the highest log index it knows to be committed
 * @param appliedIndex the highest log index its state machine has applied
 * @param revision the store revision of its local state
 */
public record MemberStatus(String id, String address, Role role, long term, long commitIndex, long appliedIndex,
    long revision) {
}
