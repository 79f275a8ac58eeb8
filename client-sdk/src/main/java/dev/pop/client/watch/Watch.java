package dev.pop.client.watch;

import java.util.concurrent.CompletableFuture;

/** A running watch. Closing it stops the deliveries (an event being delivered finishes). */
public interface Watch extends AutoCloseable {
  /** Where the watch stands: the position after the last event handed to the listener. */
  WatchPosition position();

  /** Completes when the watch ends: normally when closed, exceptionally when cancelled (see the listener). */
  CompletableFuture<Void> done();

  @Override
  void close();
}
