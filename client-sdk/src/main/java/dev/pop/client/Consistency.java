package dev.pop.client;

/** Consistency of reads. The default is {@link #LINEARIZABLE}. */
public enum Consistency {
  /**
   * The default. The read reflects every write acknowledged before it started (Raft ReadIndex on the leader).
   * Needs a majority of the members; fails with {@link UnavailableException} otherwise.
   */
  LINEARIZABLE,
  /**
   * Answered by the contacted member from its local state. May be stale (the reply's header says which revision it
   * reflects), but works without a quorum, e.g. on the minority side of a partition.
   */
  SERIALIZABLE
}
