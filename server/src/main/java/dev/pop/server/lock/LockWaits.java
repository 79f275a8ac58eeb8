package dev.pop.server.lock;

import java.util.concurrent.CompletableFuture;

/**
 * Lock waits parked on this member: a {@code lock_wait} read registers here and is answered when the apply
 * thread reports that its waiter was granted the lock or left the queue, or when its wait time is up.
 */
public final class LockWaits extends ParkedWaits<LockWaits.Waiter> {
  /** One waiter of one lock. */
  public record Waiter(String name, long waiterId) {}

  public LockWaits() {
    super("pop-lock-waits");
  }

  /** A signal that completes when waiter {@code waiterId} of lock {@code name} is granted or gone, or after waitMs. */
  public CompletableFuture<Void> await(String name, long waiterId, long waitMs) {
    return await(new Waiter(name, waiterId), waitMs);
  }

  /** From the apply thread, after the commit: waiter {@code waiterId} of lock {@code name} was granted or left. */
  public void changed(String name, long waiterId) {
    changed(new Waiter(name, waiterId));
  }
}
