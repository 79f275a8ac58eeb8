package dev.pop.server.lock;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Lock waits parked on this member: a {@code lock_wait} read registers here and is answered when the apply
 * thread reports that its waiter was granted the lock or left the queue ({@link #changed}), or when its wait
 * time is up, whichever comes first; so a waiting client never polls. Member-local, in memory only.
 *
 * <p>To miss no change, a reader registers first and reads the store after: a change committed before the read
 * is seen by the read, one committed after it is reported here, since changes are reported after their commit.
 *
 * <p>Thread-safe. One daemon thread runs the timeouts and, through {@link #executor}, the answers of woken waits,
 * so the apply thread only completes futures.
 */
public final class LockWaits implements AutoCloseable {
  private final Map<Key, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timer;
  private volatile boolean closed;

  private record Key(String name, long waiterId) {}

  public LockWaits() {
    timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "pop-lock-waits");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
  }

  /**
   * A signal that completes when waiter {@code waiterId} of lock {@code name} changes (granted or gone) or after
   * {@code waitMs}, whichever is first. It never completes exceptionally; completing it early unregisters it.
   */
  public CompletableFuture<Void> await(String name, long waiterId, long waitMs) {
    CompletableFuture<Void> signal = new CompletableFuture<>();
    if (closed) {
      signal.complete(null);
      return signal;
    }
    Key key = new Key(name, waiterId);
    // sets are only touched inside the map's atomic per-key operations, so no registration is ever orphaned
    waiting.compute(key, (k, set) -> {
      Set<CompletableFuture<Void>> s = set == null ? new HashSet<>() : set;
      s.add(signal);
      return s;
    });
    ScheduledFuture<?> timeout = timer.schedule(() -> signal.complete(null), waitMs, TimeUnit.MILLISECONDS);
    signal.whenComplete((v, e) -> {
      timeout.cancel(false);
      waiting.computeIfPresent(key, (k, set) -> {
        set.remove(signal);
        return set.isEmpty() ? null : set;
      });
    });
    return signal;
  }

  /** From the apply thread, after the commit: waiter {@code waiterId} of lock {@code name} was granted or left. */
  public void changed(String name, long waiterId) {
    Set<CompletableFuture<Void>> set = waiting.remove(new Key(name, waiterId));
    if (set != null) {
      set.forEach(f -> f.complete(null));
    }
  }

  /** Runs the answers of woken waits off the apply thread. */
  public Executor executor() {
    return timer;
  }

  /** Waits registered now. */
  public int size() {
    int n = 0;
    for (Set<CompletableFuture<Void>> set : waiting.values()) {
      n += set.size();
    }
    return n;
  }

  /** Wakes every wait (each answers from the store as it stands) and stops the timer. */
  @Override
  public void close() {
    closed = true;
    for (Key key : waiting.keySet()) {
      changed(key.name(), key.waiterId());
    }
    timer.shutdown();
  }
}
