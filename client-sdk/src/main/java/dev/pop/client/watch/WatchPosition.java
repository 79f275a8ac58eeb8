package dev.pop.client.watch;

import java.util.Arrays;

/**
 * Where a watch stands: every matching change before revision {@code revision}, and at that revision every change
 * to a key up to and including {@code afterKey} (empty: none), was delivered. Resuming from a position on any
 * member gives no gap and no duplicate.
 */
public record WatchPosition(long revision, byte[] afterKey) {
  public WatchPosition {
    afterKey = afterKey == null ? new byte[0] : afterKey.clone();
  }

  /** From the start of {@code revision}. */
  public static WatchPosition of(long revision) {
    return new WatchPosition(revision, new byte[0]);
  }

  @Override
  public byte[] afterKey() {
    return afterKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WatchPosition p && p.revision == revision && Arrays.equals(p.afterKey, afterKey);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(revision) * 31 + Arrays.hashCode(afterKey);
  }

  @Override
  public String toString() {
    return afterKey.length == 0 ? "revision " + revision
        : "revision " + revision + " after key " + new String(afterKey, java.nio.charset.StandardCharsets.UTF_8);
  }
}
