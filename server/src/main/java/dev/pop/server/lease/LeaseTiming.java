package dev.pop.server.lease;

/**
 * What one member knows about a lease's timing: its TTL, the log index of its last refresh (grant or
 * keepalive), and the member's own monotonic clock ({@link System#nanoTime}) when it applied that refresh.
 */
public record LeaseTiming(long id, long ttlMs, long refreshIndex, long refreshedAtNanos) {}
