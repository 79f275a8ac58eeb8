package dev.pop.cli.bench;

import dev.pop.cli.CommandFailure;
import dev.pop.client.ErrorCode;
import dev.pop.client.PopClient;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.watch.Watch;
import dev.pop.client.watch.WatchEvent;
import dev.pop.client.watch.WatchListener;
import dev.pop.client.watch.WatchOptions;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code popctl bench watch}: {@code --clients} watchers on the prefix {@code bench/watch/}, spread over the
 * connections, while {@link #WRITERS} writers put there in a closed loop. Each value carries its send time, so
 * every delivery gives a latency (put sent → event delivered to that watcher). Ops are events delivered to all
 * watchers during the measurement; a watcher cancelled by the server or the SDK counts as an error.
 */
final class WatchBench {
  static final int WRITERS = 16;
  static final String PREFIX = "bench/watch/";

  private final BenchConfig config;
  private final List<PopClient> conns;

  WatchBench(BenchConfig config, List<PopClient> conns) {
    this.config = config;
    this.conns = conns;
  }

  BenchResult run() throws InterruptedException {
    Histogram latencies = new Histogram(3);
    LongAdder cancelled = new LongAdder();
    AtomicBoolean measuring = new AtomicBoolean();
    List<Watch> watches = new ArrayList<>();
    try {
      for (int i = 0; i < config.clients(); i++) {
        watches.add(conns.get(i % conns.size()).watches().watch(PREFIX, WatchOptions.prefix()
            .maxBufferedEvents(1_000_000), new WatchListener() {
              @Override
              public void onEvent(WatchEvent e) {
                if (measuring.get() && e.type() == WatchEvent.Type.PUT && e.kv().value().length >= 8) {
                  long sent = ByteBuffer.wrap(e.kv().value()).getLong();
                  synchronized (latencies) {
                    latencies.recordValue(Math.max(0, (System.nanoTime() - sent) / 1_000));
                  }
                }
              }

              @Override
              public void onCancelled(dev.pop.client.PopException cause) {
                cancelled.increment();
              }
            }));
      }
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicLong puts = new AtomicLong();
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        PopClient c = conns.get(w % conns.size());
        writers.add(CompletableFuture.runAsync(() -> {
          while (writing.get()) {
            byte[] value = ByteBuffer.allocate(Math.max(8, config.valueSize())).putLong(System.nanoTime()).array();
            String key = PREFIX + ThreadLocalRandom.current().nextInt(config.keys());
            try {
              c.kv().put(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value, PutOptions.DEFAULT);
              puts.incrementAndGet();
            } catch (RuntimeException e) {
              // counted by the missing events; the writers only make load
            }
          }
        }));
      }
      Thread.sleep(config.warmup().toMillis());
      measuring.set(true);
      long start = System.nanoTime();
      Thread.sleep(config.duration() == null ? 10_000 : config.duration().toMillis());
      measuring.set(false);
      long elapsed = System.nanoTime() - start;
      writing.set(false);
      CompletableFuture.allOf(writers.toArray(new CompletableFuture[0])).join();
      Histogram snapshot;
      synchronized (latencies) {
        snapshot = latencies.copy();
      }
      if (snapshot.getTotalCount() == 0) {
        throw new CommandFailure(ErrorCode.UNAVAILABLE, "bench watch: no event was delivered in the measurement ("
            + puts.get() + " puts made, " + cancelled.sum() + " watches cancelled)");
      }
      Map<String, Long> errors = cancelled.sum() == 0 ? Map.of() : Map.of("WATCH_CANCELLED", cancelled.sum());
      return BenchResult.of(config, snapshot, errors, elapsed, o -> 0);
    } finally {
      watches.forEach(Watch::close);
    }
  }
}
