package dev.pop.client.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Coalesces concurrently submitted items into batches, bounded by {@link BatchLimits}: at most {@code maxOps} items
 * and {@code maxBytes} bytes per batch, at most {@code maxInFlight} batches launched and not yet
 * {@linkplain #batchDone() done}. While a slot is free, submitted items are launched at once (after the optional
 * linger); while every slot is busy they accumulate and leave together when a slot frees. FIFO.
 *
 * <p>No thread of its own: batches are launched by whichever thread submits an item or finishes a batch; a
 * work-in-progress counter makes one of them drain for all, so launching never recurses.
 */
public final class Batcher<C extends BatchItem> {
  /** Starts a batch; must call {@link #batchDone()} exactly once when the batch is over. */
  @FunctionalInterface
  public interface Launcher<C> {
    void launch(List<C> batch);
  }

  private final BatchLimits limits;
  private final Launcher<C> launcher;
  private final ScheduledExecutorService timer;
  private final LongSupplier nanoClock;
  private final Object lock = new Object();
  private final ArrayDeque<C> queue = new ArrayDeque<>();
  private final AtomicInteger wip = new AtomicInteger();
  private long queuedBytes;
  private int inFlight;
  private boolean lingerScheduled;
  private boolean closed;

  public Batcher(BatchLimits limits, ScheduledExecutorService timer, Launcher<C> launcher) {
    this(limits, timer, launcher, System::nanoTime);
  }

  Batcher(BatchLimits limits, ScheduledExecutorService timer, Launcher<C> launcher, LongSupplier nanoClock) {
    this.limits = limits;
    this.timer = timer;
    this.launcher = launcher;
    this.nanoClock = nanoClock;
  }

  /** Queues an item; returns false (and keeps nothing) if the batcher is closed. */
  public boolean submit(C item) {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      queue.addLast(item);
      queuedBytes += item.sizeBytes();
    }
    drain();
    return true;
  }

  /** A launched batch is over: frees its slot and launches what is waiting. */
  public void batchDone() {
    synchronized (lock) {
      if (inFlight <= 0) {
        throw new IllegalStateException("batchDone without a batch in flight");
      }
      inFlight--;
    }
    drain();
  }

  /** Stops accepting items and returns those still queued (the caller fails them). */
  public List<C> close() {
    synchronized (lock) {
      closed = true;
      List<C> rest = new ArrayList<>(queue);
      queue.clear();
      queuedBytes = 0;
      return rest;
    }
  }

  public int inFlight() {
    synchronized (lock) {
      return inFlight;
    }
  }

  public int queued() {
    synchronized (lock) {
      return queue.size();
    }
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return; // the thread already draining will loop once more
    }
    do {
      List<List<C>> ready;
      synchronized (lock) {
        ready = takeReady();
      }
      for (List<C> batch : ready) {
        launcher.launch(batch);
      }
    } while (wip.decrementAndGet() != 0);
  }

  private List<List<C>> takeReady() {
    List<List<C>> out = new ArrayList<>(1);
    while (!closed && inFlight < limits.maxInFlight() && !queue.isEmpty()) {
      if (limits.lingerNanos() > 0 && !fullBatchQueued()) {
        long waited = nanoClock.getAsLong() - queue.peekFirst().enqueuedNanos();
        if (waited < limits.lingerNanos()) {
          scheduleLingerFlush(limits.lingerNanos() - waited);
          break;
        }
      }
      out.add(formBatch());
      inFlight++;
    }
    return out;
  }

  private boolean fullBatchQueued() {
    return queue.size() >= limits.maxOps() || queuedBytes >= limits.maxBytes() || queue.peekFirst().solo();
  }

  private List<C> formBatch() {
    List<C> batch = new ArrayList<>(Math.min(queue.size(), limits.maxOps()));
    C first = queue.pollFirst();
    batch.add(first);
    long bytes = first.sizeBytes();
    if (!first.solo()) {
      while (batch.size() < limits.maxOps() && !queue.isEmpty()) {
        C next = queue.peekFirst();
        if (next.solo() || bytes + next.sizeBytes() > limits.maxBytes()) {
          break;
        }
        batch.add(queue.pollFirst());
        bytes += next.sizeBytes();
      }
    }
    queuedBytes -= bytes;
    return batch;
  }

  private void scheduleLingerFlush(long delayNanos) {
    if (lingerScheduled) {
      return;
    }
    lingerScheduled = true;
    timer.schedule(() -> {
      synchronized (lock) {
        lingerScheduled = false;
      }
      drain();
    }, Math.max(delayNanos, 1), TimeUnit.NANOSECONDS);
  }
}
