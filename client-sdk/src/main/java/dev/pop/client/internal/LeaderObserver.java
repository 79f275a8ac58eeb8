package dev.pop.client.internal;

import dev.pop.client.election.Leader;
import dev.pop.client.election.Observation;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An election observer: reads the leader, reports it if it differs from the last report (always the first time),
 * and reads again one interval after the read ended (reads never overlap). A failed read is skipped.
 */
final class LeaderObserver implements Observation {
  private final Supplier<CompletableFuture<Optional<Leader>>> read;
  private final long intervalNanos;
  private final ScheduledExecutorService timer;
  private final Executor events;
  private final Consumer<Optional<Leader>> listener;
  private volatile boolean closed;
  private volatile Optional<Leader> last; // written by one read at a time

  LeaderObserver(Supplier<CompletableFuture<Optional<Leader>>> read, Duration interval,
      ScheduledExecutorService timer, Executor events, Consumer<Optional<Leader>> listener) {
    this.read = read;
    this.intervalNanos = interval.toNanos();
    this.timer = timer;
    this.events = events;
    this.listener = listener;
  }

  LeaderObserver start() {
    timer.execute(this::readOnce);
    return this;
  }

  private void readOnce() {
    if (closed) {
      return;
    }
    CompletableFuture<Optional<Leader>> f;
    try {
      f = read.get();
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenComplete((leader, error) -> {
      if (error == null && (last == null || !Objects.equals(last, leader))) {
        last = leader;
        try {
          events.execute(() -> {
            if (!closed) {
              listener.accept(leader);
            }
          });
        } catch (RuntimeException e) {
          closed = true; // the client is closing
        }
      }
      if (!closed) {
        try {
          timer.schedule(this::readOnce, intervalNanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
          closed = true; // the client is closing
        }
      }
    });
  }

  @Override
  public void close() {
    closed = true;
  }
}
