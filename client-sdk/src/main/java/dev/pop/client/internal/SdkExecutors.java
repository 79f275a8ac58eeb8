package dev.pop.client.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SDK's own threads, all daemons: a timer (retry backoff, deadlines, linger), callback threads (decode replies
 * and complete callers' futures, one hand-off per batch, never a Ratis or gRPC thread), and blocking threads
 * (discovery and status probes, which use Ratis' blocking admin calls). Nothing runs on the common pool.
 */
public final class SdkExecutors implements AutoCloseable {
  private static final ThreadLocal<Boolean> CALLBACK_THREAD = ThreadLocal.withInitial(() -> false);
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService callbacks;
  private final ExecutorService blocking;

  public SdkExecutors() {
    int n = CLIENTS.incrementAndGet();
    this.timer = new ScheduledThreadPoolExecutor(1, factory("pop-client-" + n + "-timer", false));
    this.timer.setRemoveOnCancelPolicy(true);
    int callbackThreads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    this.callbacks = Executors.newFixedThreadPool(callbackThreads, factory("pop-client-" + n + "-callback", true));
    this.blocking = Executors.newCachedThreadPool(factory("pop-client-" + n + "-io", false));
  }

  /** True on one of the callback threads (of any client). */
  public static boolean onCallbackThread() {
    return CALLBACK_THREAD.get();
  }

  public ScheduledExecutorService timer() {
    return timer;
  }

  public ExecutorService callbacks() {
    return callbacks;
  }

  public ExecutorService blocking() {
    return blocking;
  }

  /** The callback threads as an executor that runs a task inline rather than dropping it once closed. */
  public java.util.concurrent.Executor callbackExecutor() {
    return task -> {
      try {
        callbacks.execute(task);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        task.run();
      }
    };
  }

  /** Runs {@code task} now if on a callback thread, else hands it to one. */
  public void onCallback(Runnable task) {
    if (onCallbackThread()) {
      task.run();
    } else {
      try {
        callbacks.execute(task);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        task.run(); // closing: complete on this thread rather than never
      }
    }
  }

  /** Stops the threads; gives callbacks 1 s and Ratis client closes (channel shutdowns) 3 s to finish. */
  @Override
  public void close() {
    timer.shutdownNow();
    callbacks.shutdown();
    blocking.shutdown();
    awaitQuietly(callbacks, 1);
    awaitQuietly(blocking, 3);
    callbacks.shutdownNow();
    blocking.shutdownNow();
  }

  private static void awaitQuietly(ExecutorService e, long seconds) {
    try {
      e.awaitTermination(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory factory(String prefix, boolean callback) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Runnable body = callback ? () -> {
        CALLBACK_THREAD.set(true);
        r.run();
      } : r;
      Thread t = new Thread(body, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
