package dev.pop.client.kv;

/**
 * Carried by every result: which state the reply reflects and who answered.
 *
 * @param revision the store revision the reply reflects
 * @param memberId the member that answered
 * @param raftTerm that member's Raft term
 * @param appliedIndex the log index that member had applied
 */
public record Header(long revision, String memberId, long raftTerm, long appliedIndex) {
}
