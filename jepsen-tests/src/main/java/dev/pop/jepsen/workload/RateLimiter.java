package dev.pop.jepsen.workload;

/**
 * Spaces operations of all clients evenly to at most {@code opsPerSecond} overall (0 for no limit): each call
 * takes the next free slot and sleeps until it comes. Missed slots are not made up later, so a stall (a failover)
 * is not followed by a burst.
 */
public final class RateLimiter {
    private final long intervalNanos;
    private long nextSlot;

    public RateLimiter(double opsPerSecond) {
        this.intervalNanos = opsPerSecond <= 0 ? 0 : (long) (1e9 / opsPerSecond);
        this.nextSlot = System.nanoTime();
    }

    /** Waits for the next slot. */
    public void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(nextSlot, now);
            nextSlot = slot + intervalNanos;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
