package dev.pop.client.internal;

/** How a batch travels: each kind has its own Ratis client, since mixing kinds on one was seen to hang reads. */
public enum RequestKind {
  /** A Command through the Raft log, to the leader. */
  WRITE,
  /** A Query answered by the leader after ReadIndex. */
  LINEARIZABLE_READ,
  /** A Query answered by one member from its local state (Ratis stale read). */
  SERIALIZABLE_READ;

  public boolean isWrite() {
    return this == WRITE;
  }
}
