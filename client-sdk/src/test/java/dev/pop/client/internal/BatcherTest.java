package dev.pop.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatcherTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  record Item(int id, int sizeBytes, boolean solo, long enqueuedNanos) implements BatchItem {
    Item(int id, int size) {
      this(id, size, false, System.nanoTime());
    }
  }

  /** Records launched batches; the test ends them. */
  static final class Recorder implements Batcher.Launcher<Item> {
    final List<List<Item>> batches = new CopyOnWriteArrayList<>();

    @Override
    public void launch(List<Item> batch) {
      batches.add(batch);
    }

    List<Integer> ids(int batch) {
      return batches.get(batch).stream().map(Item::id).toList();
    }
  }

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  private Batcher<Item> batcher(int maxOps, int maxBytes, int maxInFlight, Recorder r) {
    return new Batcher<>(new BatchLimits(maxOps, maxBytes, maxInFlight, 0), timer, r);
  }

  @Test
  void sendsAtOnceWhileASlotIsFreeAndCoalescesWhileSlotsAreBusy() {
    Recorder r = new Recorder();
    Batcher<Item> b = batcher(100, 1 << 20, 1, r);
    b.submit(new Item(1, 10));
    assertEquals(1, r.batches.size(), "a lone call leaves at once");
    b.submit(new Item(2, 10));
    b.submit(new Item(3, 10));
    b.submit(new Item(4, 10));
    assertEquals(1, r.batches.size(), "calls wait while the only slot is busy");
    assertEquals(3, b.queued());
    b.batchDone();
    assertEquals(2, r.batches.size());
    assertEquals(List.of(2, 3, 4), r.ids(1), "the waiting calls leave together, in order");
  }

  @Test
  void batchesAreBoundedByOps() {
    Recorder r = new Recorder();
    Batcher<Item> b = batcher(2, 1 << 20, 1, r);
    for (int i = 1; i <= 6; i++) {
      b.submit(new Item(i, 10));
    }
    b.batchDone();
    b.batchDone();
    b.batchDone();
    assertEquals(List.of(1), r.ids(0));
    assertEquals(List.of(2, 3), r.ids(1));
    assertEquals(List.of(4, 5), r.ids(2));
    assertEquals(List.of(6), r.ids(3));
  }

  @Test
  void batchesAreBoundedByBytesAndAnOversizedItemTravelsAlone() {
    Recorder r = new Recorder();
    Batcher<Item> b = batcher(100, 1000, 1, r);
    b.submit(new Item(0, 1));
    b.submit(new Item(1, 400));
    b.submit(new Item(2, 400));
    b.submit(new Item(3, 400));
    b.submit(new Item(4, 5000));
    b.submit(new Item(5, 100));
    for (int i = 0; i < 4; i++) {
      b.batchDone();
    }
    assertEquals(List.of(1, 2), r.ids(1), "400 + 400 fit in 1000, a third does not");
    assertEquals(List.of(3), r.ids(2));
    assertEquals(List.of(4), r.ids(3), "an item larger than the limit still goes, alone");
    assertEquals(List.of(5), r.ids(4));
  }

  @Test
  void neverMoreBatchesInFlightThanTheCap() {
    Recorder r = new Recorder();
    Batcher<Item> b = batcher(100, 1 << 20, 3, r);
    for (int i = 1; i <= 10; i++) {
      b.submit(new Item(i, 10));
    }
    assertEquals(3, r.batches.size());
    assertEquals(3, b.inFlight());
    assertEquals(7, b.queued());
    b.batchDone();
    assertEquals(4, r.batches.size());
    assertEquals(List.of(4, 5, 6, 7, 8, 9, 10), r.ids(3));
    assertEquals(3, b.inFlight());
  }

  @Test
  void soloItemsTravelAlone() {
    Recorder r = new Recorder();
    Batcher<Item> b = batcher(100, 1 << 20, 1, r);
    b.submit(new Item(0, 1));
    b.submit(new Item(1, 10));
    b.submit(new Item(2, 10, true, System.nanoTime()));
    b.submit(new Item(3, 10));
    b.batchDone();
    b.batchDone();
    b.batchDone();
    assertEquals(List.of(1), r.ids(1));
    assertEquals(List.of(2), r.ids(2));
    assertEquals(List.of(3), r.ids(3));
  }

  @Test
  void lingerWaitsForCompanyButAFullBatchLeavesAtOnce() throws Exception {
    Recorder r = new Recorder();
    Batcher<Item> b = new Batcher<>(new BatchLimits(3, 1 << 20, 4, TimeUnit.MILLISECONDS.toNanos(100)), timer, r);
    b.submit(new Item(1, 10));
    b.submit(new Item(2, 10));
    assertEquals(0, r.batches.size(), "lingering");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (r.batches.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(List.of(1, 2), r.ids(0), "flushed together after the linger");
    b.submit(new Item(3, 10));
    b.submit(new Item(4, 10));
    b.submit(new Item(5, 10));
    assertEquals(2, r.batches.size(), "a full batch does not linger");
    assertEquals(List.of(3, 4, 5), r.ids(1));
  }

  @Test
  void closeReturnsQueuedItemsAndRefusesNewOnes() {
    Recorder r = new Recorder();
    Batcher<Item> b = batcher(100, 1 << 20, 1, r);
    b.submit(new Item(1, 10));
    b.submit(new Item(2, 10));
    List<Item> rest = b.close();
    assertEquals(1, rest.size());
    assertFalse(b.submit(new Item(3, 10)));
  }

  @Test
  void concurrentSubmittersEachItemLaunchedOnceWithinLimits() throws Exception {
    int threads = 8;
    int perThread = 2000;
    int maxOps = 16;
    int maxInFlight = 4;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxSeen = new AtomicInteger();
    AtomicReference<String> violation = new AtomicReference<>();
    List<Item> launched = new CopyOnWriteArrayList<>();
    ExecutorService completer = Executors.newFixedThreadPool(2);
    AtomicReference<Batcher<Item>> ref = new AtomicReference<>();
    Batcher<Item> b = new Batcher<>(new BatchLimits(maxOps, 1 << 20, maxInFlight, 0), timer, batch -> {
      maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      if (batch.size() > maxOps) {
        violation.set("batch of " + batch.size());
      }
      launched.addAll(batch);
      completer.execute(() -> {
        inFlight.decrementAndGet();
        ref.get().batchDone();
      });
    });
    ref.set(b);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * perThread;
      Thread th = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perThread; i++) {
          b.submit(new Item(base + i, 10));
        }
      });
      th.start();
      ts.add(th);
    }
    start.countDown();
    for (Thread th : ts) {
      th.join();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (launched.size() < threads * perThread && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    completer.shutdown();
    assertTrue(completer.awaitTermination(5, TimeUnit.SECONDS));
    assertEquals(threads * perThread, launched.size());
    Set<Integer> ids = new HashSet<>();
    launched.forEach(i -> ids.add(i.id()));
    assertEquals(threads * perThread, ids.size(), "every item launched exactly once");
    assertEquals(null, violation.get());
    assertTrue(maxSeen.get() <= maxInFlight, "in flight " + maxSeen.get());
    assertEquals(0, b.inFlight());
  }
}
