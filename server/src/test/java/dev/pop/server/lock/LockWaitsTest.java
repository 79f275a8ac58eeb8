package dev.pop.server.lock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockWaitsTest {
  private final LockWaits waits = new LockWaits();

  @AfterEach
  void close() {
    waits.close();
  }

  @Test
  void aChangeWakesOnlyTheWaitsOfThatWaiter() {
    CompletableFuture<Void> a1 = waits.await("job", 1, 60_000);
    CompletableFuture<Void> a2 = waits.await("job", 1, 60_000);
    CompletableFuture<Void> b = waits.await("job", 2, 60_000);
    CompletableFuture<Void> other = waits.await("other", 1, 60_000);
    waits.changed("job", 1);
    assertTrue(a1.isDone());
    assertTrue(a2.isDone());
    assertFalse(b.isDone());
    assertFalse(other.isDone());
    assertEquals(2, waits.size());
  }

  @Test
  void aWaitEndsAfterItsTime() throws Exception {
    CompletableFuture<Void> w = waits.await("job", 1, 50);
    w.get(5, TimeUnit.SECONDS);
    assertEquals(0, waits.size());
  }

  @Test
  void completingEarlyUnregisters() {
    CompletableFuture<Void> w = waits.await("job", 1, 60_000);
    w.complete(null);
    assertEquals(0, waits.size());
    waits.changed("job", 1); // nothing left to wake
  }

  @Test
  void closeWakesEverythingAndLaterWaitsEndAtOnce() {
    CompletableFuture<Void> w = waits.await("job", 1, 60_000);
    waits.close();
    assertTrue(w.isDone());
    assertTrue(waits.await("job", 2, 60_000).isDone());
  }

  @Test
  void manyConcurrentWaitsAreAllWokenOrTimedOut() throws Exception {
    java.util.List<CompletableFuture<Void>> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 200; i++) {
          all.add(waits.await("job", i % 5, 60_000));
          if (i % 7 == 0) {
            waits.changed("job", i % 5);
          }
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    for (int i = 0; i < 5; i++) {
      waits.changed("job", i);
    }
    for (CompletableFuture<Void> f : all) {
      assertTrue(f.isDone(), "no registration is lost");
    }
    assertEquals(0, waits.size());
  }
}
