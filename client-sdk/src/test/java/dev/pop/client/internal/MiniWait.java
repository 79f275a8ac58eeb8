package dev.pop.client.internal;

import java.util.function.BooleanSupplier;

/** Awaits a condition in tests (every 5 ms, at most 5 s), failing with what was awaited. */
final class MiniWait {
  private MiniWait() {
  }

  static void until(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }
}
