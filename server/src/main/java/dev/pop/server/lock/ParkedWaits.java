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
 * Reads parked on this member until something they wait for changes: a read registers under a key and is answered
 * when the apply thread reports a change of that key ({@link #changed}), or when its wait time is up, whichever
 * comes first; so a waiting client never polls. Member-local, in memory only. ({@link LockWaits}: lock waiters;
 * the store also parks watches and tailing log reads.)
 *
 * <p>To miss no change, a reader registers first and reads the store after: a change committed before the read
 * is seen by the read, one committed after it is reported here, since changes are reported after their commit.
 *
 * <p>Thread-safe. One daemon thread runs the timeouts and, through {@link #executor}, the answers of woken waits,
 * so the apply thread only completes futures.
 */
public class ParkedWaits<K> implements AutoCloseable {
  private final Map<K, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timer;
  private volatile boolean closed;

  /** @param threadName the daemon thread that runs timeouts and woken answers */
  public ParkedWaits(String threadName) {
    timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
  }

  /**
   * A signal that completes when {@code key} changes ({@link #changed}) or after {@code waitMs}, whichever is
   * first. It never completes exceptionally; completing it early unregisters it.
   */
  public CompletableFuture<Void> await(K key, long waitMs) {
    CompletableFuture<Void> signal = new CompletableFuture<>();
    if (closed) {
      signal.complete(null);
      return signal;
    }
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

  /** From the apply thread, after the commit: {@code key} changed. */
  public void changed(K key) {
    Set<CompletableFuture<Void>> set = waiting.remove(key);
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
    for (K key : waiting.keySet()) {
      changed(key);
    }
    timer.shutdown();
  }
}
