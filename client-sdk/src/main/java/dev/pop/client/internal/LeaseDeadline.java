package dev.pop.client.internal;

/**
 * The conservative local deadline of a kept lease: the send time of the last acknowledged keepalive (or grant) plus
 * the TTL the server answered with. Only acknowledgements move it, and only forward: a late acknowledgement of an
 * older keepalive never pulls it back. Times are {@link System#nanoTime()} values (or a fake clock's). Not
 * thread-safe; {@link LeaseKeeperImpl} guards it.
 */
final class LeaseDeadline {
  private long deadlineNanos;

  /** @param ackedSendNanos send time of the grant or keepalive whose acknowledgement started the count */
  LeaseDeadline(long ackedSendNanos, long ttlNanos) {
    this.deadlineNanos = ackedSendNanos + ttlNanos;
  }

  /** A keepalive sent at {@code sendNanos} was acknowledged with {@code ttlNanos}. */
  void acknowledged(long sendNanos, long ttlNanos) {
    long candidate = sendNanos + ttlNanos;
    if (candidate - deadlineNanos > 0) {
      deadlineNanos = candidate;
    }
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  boolean passed(long nowNanos) {
    return nowNanos - deadlineNanos >= 0;
  }

  long remainingNanos(long nowNanos) {
    return Math.max(0, deadlineNanos - nowNanos);
  }
}
