package dev.pop.client.lock;

import java.io.UncheckedIOException;

/**
 * Where a {@code FenceGuard} keeps the highest fence it has admitted per resource. Implementations must make
 * {@link #store} durable before it returns when the guard must remember across restarts (a guard that forgets a
 * fence could admit an older holder again). The guard serializes calls per resource; implementations must be safe
 * for concurrent calls on different resources.
 */
public interface FenceStore {
  /**
   * The highest fence stored for {@code resourceId}, 0 if none.
   *
   * @throws UncheckedIOException if it cannot be read
   */
  long load(String resourceId);

  /**
   * Records {@code fence} as the highest for {@code resourceId} (the guard only ever raises it).
   *
   * @throws UncheckedIOException if it cannot be made durable; the guard then does not admit the fence
   */
  void store(String resourceId, long fence);
}
