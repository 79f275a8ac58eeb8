package dev.pop.client;

import dev.pop.client.lock.FenceStore;
import dev.pop.client.lock.MemoryFenceStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The resource side of fencing, for things POP does not store (a storage node, a database row, a file): remembers
 * the highest fence admitted per resource and refuses any lower one, so a lock holder that was paused or cut off and
 * replaced ("I thought I still held it") can no longer write once its successor has. Equal fences are admitted: one
 * holder makes many writes.
 *
 * <pre>{@code
 * FenceGuard guard = new FenceGuard(new FileFenceStore(dataDir.resolve("fences")));
 * // on every write request carrying (lock fence) for blob b:
 * guard.check("blobs/" + b, request.fence());   // throws ConflictException for a stale fence
 * }</pre>
 *
 * <p>Fences are only comparable within one lock name: use one resource id per (resource, lock) pair. The new highest
 * fence is stored in the {@link FenceStore} before {@link #admit} returns true; with {@code FileFenceStore} it
 * survives a crash and restart. The guard serializes only its own bookkeeping: if two requests for one resource can
 * run at once, hold your own per-resource mutex across {@code admit} and the write it protects, so a stale write
 * admitted just before a newer fence cannot land after it.
 *
 * <p>Thread-safe; calls for the same resource are serialized, different resources proceed in parallel.
 */
public final class FenceGuard {
  private final FenceStore store;
  private final ConcurrentMap<String, Long> highest = new ConcurrentHashMap<>();

  public FenceGuard(FenceStore store) {
    if (store == null) {
      throw new InvalidArgumentException("fence guard: store must not be null");
    }
    this.store = store;
  }

  /** A guard that forgets on restart. */
  public static FenceGuard inMemory() {
    return new FenceGuard(new MemoryFenceStore());
  }

  /**
   * Admits {@code fence} for {@code resourceId} if it is at least the highest admitted so far, recording it.
   *
   * @return false if the fence is lower than one already admitted (stale)
   * @throws InvalidArgumentException if the fence is not positive or the id is null
   * @throws java.io.UncheckedIOException if the store fails (the fence is then not admitted)
   */
  public boolean admit(String resourceId, long fence) {
    validate(resourceId, fence);
    boolean[] admitted = new boolean[1];
    highest.compute(resourceId, (id, known) -> {
      long current = known != null ? known : store.load(id);
      if (fence < current) {
        return current;
      }
      if (fence > current) {
        store.store(id, fence); // durable before admitting
      }
      admitted[0] = true;
      return fence;
    });
    return admitted[0];
  }

  /**
   * Like {@link #admit}, but throws for a stale fence.
   *
   * @throws ConflictException if a higher fence was already admitted for the resource
   */
  public void check(String resourceId, long fence) {
    if (!admit(resourceId, fence)) {
      throw new ConflictException("fence " + fence + " for " + resourceId + " is stale: fence "
          + highest(resourceId) + " was already admitted; the lock has passed to a newer holder");
    }
  }

  /** The highest fence admitted for the resource, 0 if none. */
  public long highest(String resourceId) {
    validate(resourceId, 1);
    return highest.computeIfAbsent(resourceId, store::load);
  }

  private static void validate(String resourceId, long fence) {
    if (resourceId == null) {
      throw new InvalidArgumentException("fence guard: resource id must not be null");
    }
    if (fence <= 0) {
      throw new InvalidArgumentException("fence guard: fence must be > 0, got " + fence);
    }
  }
}
