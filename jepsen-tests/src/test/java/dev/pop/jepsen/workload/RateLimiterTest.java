package dev.pop.jepsen.workload;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void spacesCallsToTheRate() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(200);
        long start = System.nanoTime();
        for (int i = 0; i < 41; i++) {
            limiter.acquire();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= 0.19 && seconds < 1.0, "41 calls at 200/s took " + seconds + " s");
    }

    @Test
    void zeroMeansNoLimit() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(0);
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            limiter.acquire();
        }
        assertTrue(System.nanoTime() - start < 1_000_000_000L);
    }
}
