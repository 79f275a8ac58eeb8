package dev.pop.client.internal;

/**
 * Bounds of one lane's batching.
 *
 * @param maxOps most items in one batch
 * @param maxBytes most bytes in one batch (a single larger item still travels, alone)
 * @param maxInFlight most batches in flight at once
 * @param lingerNanos how long a batch that could be sent waits for company; 0 to send at once
 */
public record BatchLimits(int maxOps, int maxBytes, int maxInFlight, long lingerNanos) {
  public BatchLimits {
    if (maxOps < 1 || maxBytes < 1 || maxInFlight < 1 || lingerNanos < 0) {
      throw new IllegalArgumentException("bad batch limits: " + maxOps + "/" + maxBytes + "/" + maxInFlight);
    }
  }

  public static BatchLimits of(ClientConfig c) {
    return new BatchLimits(c.maxBatchOps(), c.maxBatchBytes(), c.maxInFlightBatches(), c.linger().toNanos());
  }
}
