package dev.pop.client;

/** The Raft role of a member as it reports it, or {@link #UNREACHABLE} when it did not answer. */
public enum Role { LEADER, FOLLOWER, CANDIDATE, LISTENER, UNREACHABLE }
