package dev.pop.client.internal;

import com.google.protobuf.ByteString;
import dev.pop.client.PopException;
import dev.pop.client.watch.Watch;
import dev.pop.client.watch.WatchEvent;
import dev.pop.client.watch.WatchFellBehindException;
import dev.pop.client.watch.WatchListener;
import dev.pop.client.watch.WatchPosition;
import dev.pop.proto.Event;
import dev.pop.proto.Response;
import dev.pop.proto.WatchRequest;
import dev.pop.proto.WatchResponse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One watch of a {@link WatchHub}: its position (advanced when an answer is accepted, so a failed poll is simply
 * asked again from the same place on another member) and a serial, bounded delivery to its listener. The hub
 * thread calls {@link #request} and {@link #accept}; deliveries run on the SDK's callback executor, one at a time.
 */
final class WatcherState implements Watch {
  private final WatchRequest base;
  private final String label;
  private final WatchListener listener;
  private final int maxBuffered;
  private final Executor executor;
  private final Runnable onEnd;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger buffered = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  /** Hub thread only. */
  private long nextRevision;
  private ByteString nextAfter = ByteString.EMPTY;
  private volatile WatchPosition delivered;
  /** Hub thread only: an idle watch hears of progress when its position moves, else about once a second. */
  private long lastProgressNanos = System.nanoTime();
  private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

  WatcherState(WatchRequest base, String label, WatchPosition start, WatchListener listener, int maxBuffered,
      Executor executor, Runnable onEnd) {
    this.base = base;
    this.label = label;
    this.listener = listener;
    this.maxBuffered = maxBuffered;
    this.executor = executor;
    this.onEnd = onEnd;
    this.nextRevision = start.revision();
    this.nextAfter = ByteString.copyFrom(start.afterKey());
    this.delivered = start;
  }

  boolean ended() {
    return done.isDone();
  }

  WatchRequest request(long waitMs) {
    return base.toBuilder().setStartRevision(nextRevision).setStartAfterKey(nextAfter).setWaitMs(waitMs).build();
  }

  /** One answer from the hub thread: queues its events (or the progress) and moves the position on. */
  void accept(Response response) {
    if (ended()) {
      return;
    }
    if (response.hasError()) {
      cancel(PopErrors.fromProto("watch " + label, response.getError()));
      return;
    }
    WatchResponse w = response.getWatch();
    int n = w.getEventsCount();
    WatchPosition next = new WatchPosition(w.getNextRevision(), w.getNextAfterKey().toByteArray());
    if (n > 0 && buffered.get() + n > maxBuffered) {
      // the events already queued are still delivered, so the watch resumes after them
      WatchPosition resume = new WatchPosition(nextRevision, nextAfter.toByteArray());
      cancel(new WatchFellBehindException("watch " + label + ": the listener fell behind: " + buffered.get()
          + " events wait for it and " + n + " more arrived (limit " + maxBuffered + ", maxBufferedEvents); "
          + "resume from " + resume, resume));
      return;
    }
    boolean moved = w.getNextRevision() != nextRevision || !w.getNextAfterKey().equals(nextAfter);
    nextRevision = w.getNextRevision();
    nextAfter = w.getNextAfterKey();
    if (n > 0) {
      buffered.addAndGet(n);
      for (Event e : w.getEventsList()) {
        WatchEvent event = toEvent(e);
        enqueue(() -> {
          buffered.decrementAndGet();
          listener.onEvent(event);
        });
      }
      enqueue(() -> delivered = next);
    } else if (moved || System.nanoTime() - lastProgressNanos >= PROGRESS_EVERY_NANOS) {
      lastProgressNanos = System.nanoTime();
      long revision = w.getNextRevision() - 1;
      enqueue(() -> {
        delivered = next;
        listener.onProgress(revision);
      });
    }
  }

  static WatchEvent toEvent(Event e) {
    return new WatchEvent(e.getType() == Event.Type.DELETE ? WatchEvent.Type.DELETE : WatchEvent.Type.PUT,
        ProtoResults.keyValue(e.getKv()), e.hasPrevKv() ? ProtoResults.keyValue(e.getPrevKv()) : null);
  }

  /** Ends the watch with {@code cause}: the listener hears of it after the events already queued. */
  void cancel(PopException cause) {
    if (done.completeExceptionally(cause)) {
      onEnd.run();
      enqueue(() -> listener.onCancelled(cause));
    }
  }

  @Override
  public void close() {
    if (done.complete(null)) {
      onEnd.run();
      queue.clear();
    }
  }

  @Override
  public WatchPosition position() {
    return delivered;
  }

  @Override
  public CompletableFuture<Void> done() {
    return done;
  }

  private void enqueue(Runnable delivery) {
    queue.add(delivery);
    drain();
  }

  /** Runs the queued deliveries one at a time, off the hub thread. */
  private void drain() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(this::runQueued);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      draining.set(false); // the client is closing
    }
  }

  private void runQueued() {
    try {
      Runnable next;
      while ((next = queue.poll()) != null) {
        if (done.isDone() && !done.isCompletedExceptionally()) {
          queue.clear(); // closed by the caller: no more deliveries
          break;
        }
        try {
          next.run();
        } catch (RuntimeException e) {
          // a listener's exception must not stop the deliveries of this watch
          java.util.logging.Logger.getLogger(WatcherState.class.getName())
              .warning("watch " + label + ": the listener threw " + e);
        }
      }
    } finally {
      draining.set(false);
      if (!queue.isEmpty()) {
        drain();
      }
    }
  }
}
