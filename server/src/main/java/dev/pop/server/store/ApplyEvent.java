package dev.pop.server.store;

/**
 * A member-local consequence of an applied entry, published after its batch is committed: the lease clock
 * learns when this member applied a lease's refresh, and lock waits are woken. Never part of the replicated
 * state; a rolled back txn drops the events it produced.
 */
sealed interface ApplyEvent {

  /** A grant or keepalive of lease {@code id}, applied at log index {@code refreshIndex}. */
  record LeaseRefreshed(long id, long ttlMs, long refreshIndex) implements ApplyEvent {}

  /** Lease {@code id} was revoked or expired. */
  record LeaseEnded(long id) implements ApplyEvent {}

  /** Waiter {@code waiterId} of lock {@code name} was granted the lock, or left the queue. */
  record WaiterChanged(String name, long waiterId) implements ApplyEvent {}

  /** An entry was appended to log stream {@code stream}: wakes its tailing reads. */
  record Appended(String stream) implements ApplyEvent {}
}
