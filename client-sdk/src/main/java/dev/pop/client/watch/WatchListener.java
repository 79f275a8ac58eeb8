package dev.pop.client.watch;

import dev.pop.client.PopException;

/**
 * Receives a watch's events, one call at a time and in order, on an SDK callback thread. Keep it quick: events
 * wait in a bounded buffer ({@link WatchOptions#maxBufferedEvents}); a listener that falls further behind has its
 * watch cancelled with {@link WatchFellBehindException}, from which it can resume.
 */
public interface WatchListener {
  void onEvent(WatchEvent event);

  /** Nothing matched before {@code revision + 1}: sent on idle watches about once per progress interval. */
  default void onProgress(long revision) {}

  /**
   * The watch ended for good: {@link dev.pop.client.CompactedException} (its start was compacted),
   * {@link WatchFellBehindException}, or another refusal. Not called when the watch is closed by the caller.
   */
  default void onCancelled(PopException cause) {}
}
