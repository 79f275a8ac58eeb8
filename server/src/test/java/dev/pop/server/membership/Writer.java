package dev.pop.server.membership;

import dev.pop.client.ErrorCode;
import dev.pop.client.PopClient;
import dev.pop.client.PopException;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes unique keys {@code prefix + n} continuously from a few threads, remembering which were acknowledged and
 * which failed with an error a client could not retry (anything but UNAVAILABLE and UNKNOWN_OUTCOME).
 */
public final class Writer implements AutoCloseable {
  private final PopClient client;
  private final String prefix;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong next = new AtomicLong();
  public final Set<String> acked = ConcurrentHashMap.newKeySet();
  final AtomicLong retryableFailures = new AtomicLong();
  public final List<String> fatal = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  public Writer(PopClient client, String prefix, int threads) {
    this.client = client;
    this.prefix = prefix;
    for (int i = 0; i < threads; i++) {
      final Thread t = new Thread(this::run, "writer-" + i);
      t.setDaemon(true);
      this.threads.add(t);
      t.start();
    }
  }

  private void run() {
    while (running.get()) {
      final String key = String.format("%s%07d", prefix, next.incrementAndGet());
      try {
        client.kv().put(key, "v-" + key);
        acked.add(key);
      } catch (PopException e) {
        if (e.code() == ErrorCode.UNAVAILABLE || e.code() == ErrorCode.UNKNOWN_OUTCOME) {
          retryableFailures.incrementAndGet();
        } else {
          fatal.add(key + ": " + e.code() + ": " + e.getMessage());
        }
      } catch (RuntimeException e) {
        fatal.add(key + ": " + e);
      }
    }
  }

  /** Waits until at least {@code n} more writes were acknowledged. */
  public void awaitMore(int n) throws InterruptedException {
    final int target = acked.size() + n;
    final long deadline = System.nanoTime() + 60_000_000_000L;
    while (acked.size() < target) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the writer made no progress: " + acked.size() + " acked, fatal " + fatal);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(30_000);
    }
  }
}
