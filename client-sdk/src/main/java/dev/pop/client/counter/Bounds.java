package dev.pop.client.counter;

import dev.pop.client.InvalidArgumentException;

/**
 * The range a counter must stay in after an increment: {@code min <= value <= max}; a null bound is no bound. An
 * increment that would leave the range is refused with {@link dev.pop.client.ConflictException} and changes
 * nothing, so {@code increment("downloads-left", -1, Bounds.atLeast(0))} never goes below zero.
 *
 * @param min the lowest allowed value, or null
 * @param max the highest allowed value, or null
 */
public record Bounds(Long min, Long max) {
  /** No bounds: only signed 64-bit overflow is refused. */
  public static final Bounds NONE = new Bounds(null, null);

  public Bounds {
    if (min != null && max != null && min > max) {
      throw new InvalidArgumentException("increment: min " + min + " is above max " + max);
    }
  }

  public static Bounds atLeast(long min) {
    return new Bounds(min, null);
  }

  public static Bounds atMost(long max) {
    return new Bounds(null, max);
  }

  public static Bounds between(long min, long max) {
    return new Bounds(min, max);
  }
}
