package dev.pop.client.watch;

import dev.pop.client.InvalidArgumentException;

/**
 * How to watch: the key alone or every key with it as prefix, from where, with previous values or not.
 * Immutable; start from {@link #key()} or {@link #prefix()}.
 */
public final class WatchOptions {
  /** Default bound of events waiting for a slow listener. */
  public static final int DEFAULT_MAX_BUFFERED_EVENTS = 10_000;

  private final boolean prefix;
  private final WatchPosition start;
  private final boolean prevKv;
  private final int maxBufferedEvents;

  private WatchOptions(boolean prefix, WatchPosition start, boolean prevKv, int maxBufferedEvents) {
    this.prefix = prefix;
    this.start = start;
    this.prevKv = prevKv;
    this.maxBufferedEvents = maxBufferedEvents;
  }

  /** The key alone, from the next change. */
  public static WatchOptions key() {
    return new WatchOptions(false, null, false, DEFAULT_MAX_BUFFERED_EVENTS);
  }

  /** Every key that starts with the given key, from the next change. */
  public static WatchOptions prefix() {
    return new WatchOptions(true, null, false, DEFAULT_MAX_BUFFERED_EVENTS);
  }

  /** From revision {@code revision} (inclusive); COMPACTED if it is at or below the compaction point. */
  public WatchOptions startRevision(long revision) {
    if (revision <= 0) {
      throw new InvalidArgumentException("watch: start revision is " + revision + ", must be > 0");
    }
    return new WatchOptions(prefix, WatchPosition.of(revision), prevKv, maxBufferedEvents);
  }

  /** Resume exactly where an earlier watch stood ({@link Watch#position()}). */
  public WatchOptions resumeFrom(WatchPosition position) {
    if (position == null || position.revision() <= 0) {
      throw new InvalidArgumentException("watch: resume position must have a revision > 0");
    }
    return new WatchOptions(prefix, position, prevKv, maxBufferedEvents);
  }

  /** Deliver each change's previous version too. */
  public WatchOptions withPrevKv() {
    return new WatchOptions(prefix, start, true, maxBufferedEvents);
  }

  public WatchOptions maxBufferedEvents(int n) {
    if (n < 1) {
      throw new InvalidArgumentException("watch: maxBufferedEvents is " + n + ", must be >= 1");
    }
    return new WatchOptions(prefix, start, prevKv, n);
  }

  public boolean isPrefix() {
    return prefix;
  }

  /** The start position, or null for "from the next change". */
  public WatchPosition start() {
    return start;
  }

  public boolean prevKv() {
    return prevKv;
  }

  public int maxBufferedEvents() {
    return maxBufferedEvents;
  }
}
