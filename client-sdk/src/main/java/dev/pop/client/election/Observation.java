package dev.pop.client.election;

/** A running {@code Elections.observe}: close it to stop. */
public interface Observation extends AutoCloseable {
  /** Stops observing; no callback starts after this returns. Idempotent. */
  @Override
  void close();
}
