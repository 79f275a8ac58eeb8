package dev.pop.client.internal;

/** Something a {@link Batcher} can coalesce. */
public interface BatchItem {
  /** Bytes this item adds to a batch's message. */
  int sizeBytes();

  /** True if the item must travel alone (it was isolated after its batch was refused as a whole). */
  boolean solo();

  /** {@link System#nanoTime()} when the item was queued. */
  long enqueuedNanos();
}
