package dev.pop.jepsen.checker;

import java.util.Arrays;

/** Latency percentiles of one function's successful operations, in milliseconds (nearest-rank). */
public record LatencySummary(long count, double p50, double p90, double p99, double max) {

    public static LatencySummary of(long[] nanos) {
        if (nanos.length == 0) {
            return new LatencySummary(0, 0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, ms(rank(sorted, 0.50)), ms(rank(sorted, 0.90)),
                ms(rank(sorted, 0.99)), ms(sorted[sorted.length - 1]));
    }

    private static long rank(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }
}
