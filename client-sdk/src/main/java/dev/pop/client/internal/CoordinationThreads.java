package dev.pop.client.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of lease keepers and election observers, apart from the SDK's batching threads so that a busy client
 * never delays a keepalive: one timer thread (keepalive and deadline ticks, observer reads) and one event thread
 * (listeners' callbacks, so a slow listener delays no keepalive). Daemons, created on first use.
 */
final class CoordinationThreads implements AutoCloseable {
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final int n = CLIENTS.incrementAndGet();
  private ScheduledThreadPoolExecutor timer;
  private ExecutorService events;
  private boolean closed;

  synchronized ScheduledExecutorService timer() {
    if (timer == null) {
      check();
      timer = new ScheduledThreadPoolExecutor(1, daemon("pop-client-" + n + "-leases"));
      timer.setRemoveOnCancelPolicy(true);
    }
    return timer;
  }

  synchronized ExecutorService events() {
    if (events == null) {
      check();
      events = Executors.newSingleThreadExecutor(daemon("pop-client-" + n + "-lease-events"));
    }
    return events;
  }

  private void check() {
    if (closed) {
      throw new dev.pop.client.UnavailableException("lease keeper: the client is closed");
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) {
      timer.shutdownNow();
    }
    if (events != null) {
      events.shutdown();
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
