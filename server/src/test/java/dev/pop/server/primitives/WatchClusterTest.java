package dev.pop.server.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.CompactedException;
import dev.pop.client.PopClient;
import dev.pop.client.PopException;
import dev.pop.client.watch.Watch;
import dev.pop.client.watch.WatchEvent;
import dev.pop.client.watch.WatchFellBehindException;
import dev.pop.client.watch.WatchListener;
import dev.pop.client.watch.WatchOptions;
import dev.pop.server.MiniPopCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Watches on a real 3-member cluster: order, no gaps or duplicates across member crashes, compaction, slow listeners. */
@ExtendWith(SharedCluster.class)
class WatchClusterTest {
  private final PopClient pop = SharedCluster.client();

  /** Collects events and the cancellation. */
  static final class Recorder implements WatchListener {
    final List<WatchEvent> events = Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<PopException> cancelled = new CompletableFuture<>();
    volatile long progress;

    @Override
    public void onEvent(WatchEvent event) {
      events.add(event);
    }

    @Override
    public void onProgress(long revision) {
      progress = revision;
    }

    @Override
    public void onCancelled(PopException cause) {
      cancelled.complete(cause);
    }

    List<String> keys() {
      synchronized (events) {
        return events.stream().map(e -> e.type() + " " + e.kv().keyUtf8()).toList();
      }
    }
  }

  @Test
  void aPrefixWatchSeesEveryPutAndDeleteInOrder() throws Exception {
    Recorder r = new Recorder();
    try (Watch w = pop.watches().watch("wc/order/", WatchOptions.prefix().withPrevKv(), r)) {
      pop.kv().put("wc/order/a", "1");
      pop.kv().put("wc/other", "x");
      pop.kv().put("wc/order/b", "2");
      pop.kv().put("wc/order/a", "3");
      pop.kv().delete("wc/order/b");
      MiniPopCluster.await(() -> r.events.size() >= 4, Duration.ofSeconds(10), "4 events");
      assertEquals(List.of("PUT wc/order/a", "PUT wc/order/b", "PUT wc/order/a", "DELETE wc/order/b"), r.keys());
      assertEquals("1", r.events.get(2).prevKv().valueUtf8());
    }
  }

  @Test
  void noGapOrDuplicateWhileEveryMemberIsKilledInTurn() throws Exception {
    MiniPopCluster cluster = SharedCluster.cluster();
    Recorder r = new Recorder();
    List<Long> acked = Collections.synchronizedList(new ArrayList<>());
    try (PopClient watcher = SharedCluster.newClient();
        Watch w = watcher.watches().watch("wc/fail/", WatchOptions.prefix(), r)) {
      int n = 0;
      for (String victim : cluster.ids()) {
        for (int i = 0; i < 30; i++) {
          acked.add(pop.kv().put("wc/fail/" + (n++ % 7), "v" + n).revision());
        }
        cluster.stop(victim); // whichever member serves the watch is stopped once
        for (int i = 0; i < 30; i++) {
          acked.add(pop.kv().put("wc/fail/" + (n++ % 7), "v" + n).revision());
        }
        cluster.start(victim);
        cluster.awaitLeader(Duration.ofSeconds(20));
      }
      MiniPopCluster.await(() -> r.events.size() >= acked.size(), Duration.ofSeconds(30),
          acked.size() + " events (have " + r.events.size() + ")");
      Thread.sleep(500); // a duplicate would show up as an extra event
      List<Long> seen = r.events.stream().map(WatchEvent::revision).toList();
      assertEquals(acked, seen, "the watch must report exactly the acknowledged puts, in order");
      assertTrue(!r.cancelled.isDone(), "the watch was cancelled: " + r.cancelled.getNow(null));
    }
  }

  @Test
  void aWatchFromACompactedRevisionIsCancelledWithTheCompactRevision() throws Exception {
    long first = pop.kv().put("wc/compact", "1").revision();
    long second = pop.kv().put("wc/compact", "2").revision();
    pop.kv().compact(second);
    // a member that has not applied the compaction yet rightly serves the old events: wait until all have
    MiniPopCluster cluster = SharedCluster.cluster();
    MiniPopCluster.await(() -> cluster.ids().stream().allMatch(id -> cluster.compactRevision(id) >= second),
        Duration.ofSeconds(10), "every member compacted");
    Recorder r = new Recorder();
    pop.watches().watch("wc/compact", WatchOptions.key().startRevision(first), r);
    PopException cause = r.cancelled.get(10, TimeUnit.SECONDS);
    CompactedException compacted = assertInstanceOf(CompactedException.class, cause);
    assertTrue(compacted.compactRevision() >= second, compacted.getMessage());
  }

  @Test
  void aSlowListenerIsCancelledAndResumesWithoutLossOrDuplicate() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<PopException> cancelled = new CompletableFuture<>();
    long start = pop.kv().put("wc/slow/start", "x").revision() + 1;
    Watch w = pop.watches().watch("wc/slow/", WatchOptions.prefix().startRevision(start).maxBufferedEvents(5),
        new WatchListener() {
          @Override
          public void onEvent(WatchEvent event) {
            try {
              release.await(); // stuck until the watch is cancelled
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            seen.add(event.kv().keyUtf8());
          }

          @Override
          public void onCancelled(PopException cause) {
            cancelled.complete(cause);
          }
        });
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      pop.kv().put("wc/slow/" + i, "v");
      written.add("wc/slow/" + i);
    }
    MiniPopCluster.await(() -> w.done().isDone(), Duration.ofSeconds(15), "the slow watch to be cancelled");
    release.countDown();
    WatchFellBehindException behind = assertInstanceOf(WatchFellBehindException.class,
        cancelled.get(10, TimeUnit.SECONDS));
    assertTrue(behind.getMessage().contains("fell behind"), behind.getMessage());
    assertTrue(seen.size() <= 6, "at most the event in hand and 5 buffered were delivered: " + seen.size());
    Recorder rest = new Recorder();
    try (Watch resumed = pop.watches().watch("wc/slow/", WatchOptions.prefix().resumeFrom(behind.resumeFrom()), rest)) {
      MiniPopCluster.await(() -> seen.size() + rest.events.size() >= written.size(), Duration.ofSeconds(10),
          "the rest of the events");
      Thread.sleep(300);
      List<String> all = new ArrayList<>(seen);
      rest.events.forEach(e -> all.add(e.kv().keyUtf8()));
      assertEquals(written, all, "cancelled + resumed watch: every event once, in order");
    }
  }
}
