package dev.pop.server.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.PopClient;
import dev.pop.client.lock.LockGrant;
import dev.pop.server.MiniPopCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fenced FIFO locks with 20 contenders on 4 SDK clients, on the shared cluster. */
@ExtendWith(SharedCluster.class)
class LockClusterTest {
  private static final int CONTENDERS = 20;
  private static final List<PopClient> clients = new ArrayList<>();
  private static ExecutorService threads;

  /** One critical section: who, with which fence, and when (nanoTime) it began and ended. */
  record Section(int contender, long fence, long enter, long exit) {
  }

  @BeforeAll
  static void open() {
    for (int i = 0; i < 4; i++) {
      clients.add(SharedCluster.newClient());
    }
    threads = Executors.newFixedThreadPool(CONTENDERS);
  }

  @AfterAll
  static void close() {
    clients.forEach(PopClient::close);
    threads.shutdownNow();
  }

  private static PopClient client(int i) {
    return clients.get(i % clients.size());
  }

  /** Holds the lock for a few ms, recording the section and checking nobody else is inside. */
  private static Section critical(int who, LockGrant g, AtomicInteger inside, List<String> overlaps) {
    long enter = System.nanoTime();
    if (inside.incrementAndGet() != 1) {
      overlaps.add("contender " + who + " entered while another was inside");
    }
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    inside.decrementAndGet();
    long exit = System.nanoTime();
    client(who).locks().unlock(g.name(), g.fence());
    return new Section(who, g.fence(), enter, exit);
  }

  @Test
  void twentyContendersAreServedInQueueOrderOneAtATimeWithIncreasingFences() throws Exception {
    PopClient pop = SharedCluster.client();
    long blockerLease = pop.leases().grant(Duration.ofSeconds(30)).id();
    LockGrant blocker = pop.locks().lock("fifo", blockerLease, Duration.ofSeconds(5));
    AtomicInteger inside = new AtomicInteger();
    List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
    List<Long> leases = new ArrayList<>();
    List<CompletableFuture<Section>> sections = new ArrayList<>();
    for (int i = 0; i < CONTENDERS; i++) {
      int who = i;
      long lease = client(who).leases().grant(Duration.ofSeconds(30)).id();
      leases.add(lease);
      sections.add(CompletableFuture.supplyAsync(() -> critical(who,
          client(who).locks().lock("fifo", lease, Duration.ofSeconds(60)), inside, overlaps), threads));
      long queued = i + 1;
      MiniPopCluster.await(() -> pop.locks().lockStatus("fifo").waiters() == queued, Duration.ofSeconds(10),
          queued + " queued waiters"); // so the queue order is known
    }
    pop.locks().unlock("fifo", blocker.fence());
    List<Section> done = new ArrayList<>();
    for (CompletableFuture<Section> s : sections) {
      done.add(s.get(60, TimeUnit.SECONDS));
    }
    done.sort((a, b) -> Long.compare(a.enter(), b.enter()));
    assertTrue(overlaps.isEmpty(), overlaps.toString());
    long lastFence = blocker.fence();
    long lastExit = 0;
    for (int k = 0; k < done.size(); k++) {
      Section s = done.get(k);
      assertEquals(k, s.contender(), "FIFO: the k-th to queue is the k-th to hold; order " + done);
      assertTrue(s.fence() > lastFence, "fences strictly increase in grant order: " + done);
      assertTrue(s.enter() > lastExit, "sections do not overlap");
      lastFence = s.fence();
      lastExit = s.exit();
    }
    assertTrue(!pop.locks().lockStatus("fifo").held());
    pop.leases().revoke(blockerLease);
    leases.forEach(l -> pop.leases().revoke(l));
  }

  @Test
  void contendersLockingInALoopNeverOverlap() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<List<Section>>> runs = new ArrayList<>();
    for (int i = 0; i < CONTENDERS; i++) {
      int who = i;
      runs.add(CompletableFuture.supplyAsync(() -> {
        PopClient c = client(who);
        long lease = c.leases().grant(Duration.ofSeconds(30)).id();
        List<Section> mine = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
          mine.add(critical(who, c.locks().lock("loop", lease, Duration.ofSeconds(60)), inside, overlaps));
        }
        c.leases().revoke(lease);
        return mine;
      }, threads));
    }
    List<Section> all = new ArrayList<>();
    for (CompletableFuture<List<Section>> r : runs) {
      all.addAll(r.get(90, TimeUnit.SECONDS));
    }
    assertTrue(overlaps.isEmpty(), overlaps.toString());
    all.sort((a, b) -> Long.compare(a.fence(), b.fence()));
    for (int k = 1; k < all.size(); k++) {
      assertTrue(all.get(k).fence() > all.get(k - 1).fence(), "fences are never reused");
      assertTrue(all.get(k).enter() > all.get(k - 1).exit(), "a larger fence enters after the smaller one left");
    }
    assertEquals(CONTENDERS * 3, all.size());
  }
}
