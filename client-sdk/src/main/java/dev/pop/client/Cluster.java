package dev.pop.client;

/** Cluster-level information. Thread-safe. */
public interface Cluster {
  /**
   * Asks every member directly, in parallel and with a short per-member timeout (works without a quorum).
   * Members that do not answer are listed with role {@link Role#UNREACHABLE}. Membership is learnt from any
   * reachable endpoint; if none answers the configured endpoints are listed as unreachable.
   */
  ClusterStatus status();
}
