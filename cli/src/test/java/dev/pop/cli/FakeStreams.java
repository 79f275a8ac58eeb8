package dev.pop.cli;

import dev.pop.client.ConflictException;
import dev.pop.client.Logs;
import dev.pop.client.NotFoundException;
import dev.pop.client.Watches;
import dev.pop.client.kv.Header;
import dev.pop.client.log.AppendOptions;
import dev.pop.client.log.LogReadResult;
import dev.pop.client.log.LogRecord;
import dev.pop.client.log.StreamInfo;
import dev.pop.client.watch.Watch;
import dev.pop.client.watch.WatchEvent;
import dev.pop.client.watch.WatchListener;
import dev.pop.client.watch.WatchOptions;
import dev.pop.client.watch.WatchPosition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** In-memory {@link Logs} (dense seqs, expected seq, trims) and {@link Watches} that replay {@link #events}. */
public final class FakeStreams implements Logs, Watches {
  public final Map<String, List<LogRecord>> streams = new TreeMap<>();
  public final Map<String, Long> firstSeq = new TreeMap<>();
  public final List<WatchEvent> events = new ArrayList<>();
  public final List<String> calls = new ArrayList<>();
  /** Set to cancel every watch with this error after its events. */
  public dev.pop.client.PopException cancelWith;

  private static final Header HEADER = new Header(10, "n1", 2, 20);

  @Override
  public long append(String stream, byte[] data) {
    return append(stream, data, AppendOptions.NONE);
  }

  @Override
  public synchronized long append(String stream, byte[] data, AppendOptions options) {
    calls.add("append " + stream + " " + options.expectedSeq());
    List<LogRecord> entries = streams.computeIfAbsent(stream, s -> new ArrayList<>());
    long next = firstSeq.getOrDefault(stream, 1L) + entries.size();
    if (options.expectedSeq() > 0 && options.expectedSeq() != next) {
      throw new ConflictException("log append: stream \"" + stream + "\" expected seq " + options.expectedSeq()
          + " but the next seq is " + next);
    }
    entries.add(new LogRecord(next, data, 1_700_000_000_000L));
    return next;
  }

  @Override
  public CompletableFuture<Long> appendAsync(String stream, byte[] data, AppendOptions options) {
    return CompletableFuture.completedFuture(append(stream, data, options));
  }

  @Override
  public synchronized LogReadResult read(String stream, long fromSeq, int limit) {
    calls.add("read " + stream + " " + fromSeq + " " + limit);
    List<LogRecord> entries = streams.get(stream);
    if (entries == null) {
      throw new NotFoundException("log read: stream \"" + stream + "\" not found");
    }
    long first = firstSeq.getOrDefault(stream, 1L);
    List<LogRecord> out = new ArrayList<>();
    for (LogRecord r : entries) {
      if (r.seq() >= Math.max(fromSeq, first) && (limit == 0 || out.size() < limit)) {
        out.add(r);
      }
    }
    return new LogReadResult(out, first, first + entries.size() - 1, HEADER);
  }

  @Override
  public LogReadResult awaitRead(String stream, long fromSeq, int limit, Duration wait) {
    LogReadResult r = read(stream, fromSeq, limit);
    if (r.entries().isEmpty()) {
      try {
        Thread.sleep(Math.min(wait.toMillis(), 50));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return r;
  }

  @Override
  public synchronized long trim(String stream, long uptoSeq) {
    calls.add("trim " + stream + " " + uptoSeq);
    List<LogRecord> entries = streams.get(stream);
    if (entries == null) {
      throw new NotFoundException("log trim: stream \"" + stream + "\" not found");
    }
    entries.removeIf(r -> r.seq() <= uptoSeq);
    firstSeq.put(stream, uptoSeq + 1);
    return uptoSeq + 1;
  }

  @Override
  public synchronized List<StreamInfo> list(String prefix) {
    List<StreamInfo> out = new ArrayList<>();
    streams.forEach((name, entries) -> {
      if (name.startsWith(prefix)) {
        long first = firstSeq.getOrDefault(name, 1L);
        out.add(new StreamInfo(name, first, first + entries.size() - 1));
      }
    });
    return out;
  }

  @Override
  public Watch watch(String key, WatchOptions options, WatchListener listener) {
    calls.add("watch " + key + (options.isPrefix() ? " prefix" : "")
        + (options.start() == null ? "" : " from " + options.start().revision()));
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      events.forEach(listener::onEvent);
      if (cancelWith != null) {
        listener.onCancelled(cancelWith);
        done.completeExceptionally(cancelWith);
      }
    });
    t.start();
    return new Watch() {
      @Override
      public WatchPosition position() {
        return WatchPosition.of(1);
      }

      @Override
      public CompletableFuture<Void> done() {
        return done;
      }

      @Override
      public void close() {
        done.complete(null);
      }
    };
  }

  @Override
  public Watch watch(byte[] key, WatchOptions options, WatchListener listener) {
    return watch(new String(key, java.nio.charset.StandardCharsets.UTF_8), options, listener);
  }
}
