package dev.pop.client.lock;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link FenceStore} in memory: forgets everything when the process ends. For tests and for resources that do too. */
public final class MemoryFenceStore implements FenceStore {
  private final ConcurrentMap<String, Long> highest = new ConcurrentHashMap<>();

  @Override
  public long load(String resourceId) {
    return highest.getOrDefault(resourceId, 0L);
  }

  @Override
  public void store(String resourceId, long fence) {
    highest.merge(resourceId, fence, Math::max);
  }
}
