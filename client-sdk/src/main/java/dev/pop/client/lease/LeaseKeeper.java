package dev.pop.client.lease;

import java.time.Duration;

/**
 * Keeps one lease alive in the background: a keepalive about every TTL/3 from the SDK's own lease thread, retried
 * sooner after a failure. It keeps a <b>conservative local deadline</b>: the send time (monotonic clock, taken
 * before the keepalive is handed to the SDK) of the last <em>acknowledged</em> keepalive, plus the TTL. Because the
 * leader starts its count only when it applies the keepalive (and a new leader restarts every lease's count at its
 * promotion), the server never expires the lease before this deadline. A keepalive whose outcome is unknown does
 * not move the deadline.
 *
 * <p>{@link Listener#onLost} fires exactly once, on the SDK's lease-event thread, when the deadline passes without
 * a newer acknowledgement or when the server says the lease does not exist; the keeper then stops. Anything held
 * under the lease (locks, ephemeral keys) must be assumed gone from that moment. Closing the keeper does not fire
 * it.
 *
 * <p>Thread-safe.
 */
public interface LeaseKeeper extends AutoCloseable {
  /** Told what happens to the kept lease. Callbacks must not block: they share one thread. */
  @FunctionalInterface
  interface Listener {
    /** The lease must be assumed lost; called once. */
    void onLost(LeaseLost lost);

    /** A keepalive was acknowledged; the local deadline is now at least {@code ttl} after its send time. */
    default void onKeptAlive(Lease lease) {
    }
  }

  long leaseId();

  Duration ttl();

  /** True until the lease is lost or the keeper closed, and while the local deadline lies ahead. */
  boolean isAlive();

  /** Time left until the local deadline; zero once lost or closed. */
  Duration remaining();

  /** Stops the keepalives; the lease then ends at its TTL on the server unless someone else keeps it. Idempotent. */
  @Override
  void close();

  /**
   * Stops the keepalives and, if {@code revoke}, revokes the lease (deleting its keys and releasing its locks now
   * rather than after the TTL). A failed revoke is not reported: the lease ends at its TTL anyway.
   */
  void close(boolean revoke);
}
