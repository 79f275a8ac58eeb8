package dev.pop.client;

import dev.pop.client.counter.Bounds;
import dev.pop.client.counter.IncrementResult;
import java.util.concurrent.CompletableFuture;

/**
 * Counters: signed 64-bit integers stored as decimal text ({@code "-12"}) under ordinary keys, so a plain get shows
 * them. A missing key counts as 0 and is created; the key keeps its lease. Kept apart from {@link Kv} because an
 * increment has its own refusals: {@link ConflictException} when the result would leave the {@link Bounds} (nothing
 * changes), {@link InvalidArgumentException} when the key holds something else than such an integer or the sum
 * overflows. Other failures as in {@link Kv}; a retried increment is applied at most once.
 *
 * <pre>{@code
 * long left = pop.counters().increment("downloads-left/img-42", -1, Bounds.atLeast(0));
 * }</pre>
 */
public interface Counters {
  /** Adds {@code delta} (may be negative) to the counter at UTF-8 {@code key}; returns the new value. */
  long increment(String key, long delta);

  /**
   * Adds {@code delta} unless the result would leave {@code bounds}; returns the new value.
   *
   * @throws ConflictException if the result would leave the bounds (nothing changed)
   */
  long increment(String key, long delta, Bounds bounds);

  /** Binary-key twin of {@link #increment(String, long, Bounds)}, with the revision and header. */
  IncrementResult increment(byte[] key, long delta, Bounds bounds);

  /** Async twin of {@link #increment(byte[], long, Bounds)}. */
  CompletableFuture<IncrementResult> incrementAsync(byte[] key, long delta, Bounds bounds);
}
