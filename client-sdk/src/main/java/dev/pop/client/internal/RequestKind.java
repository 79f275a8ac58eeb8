package dev.pop.client.internal;

/** How a batch travels: each kind has its own Ratis client, since mixing kinds on one was seen to hang reads. */
public enum RequestKind {
  /** A Command through the Raft log, to the leader. */
  WRITE,
  /** A Query answered by the leader after ReadIndex. */
  LINEARIZABLE_READ,
  /** A Query answered by one member from its local state (Ratis stale read). */
  SERIALIZABLE_READ,
  /**
   * A Query holding one lock_wait, answered by the leader after ReadIndex, possibly seconds later (when the waiter is
   * granted or its wait_ms passes). Sent unordered on a client of its own: on Ratis' ordered stream a parked reply
   * would hold back every later reply of the same client.
   */
  LOCK_WAIT,
  /**
   * A Query of watches, answered by one member from its local state, possibly a second later (long poll). Each
   * member has a client of its own for these, with the longer attempt timeout, carrying one poll at a time.
   */
  WATCH;

  public boolean isWrite() {
    return this == WRITE;
  }
}
