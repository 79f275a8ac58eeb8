package dev.pop.client.internal;

import dev.pop.client.PopException;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.Request;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Carries all watches of one client: a single thread sends one long-poll Query holding every active watch (at its
 * current position) to one member, which answers as soon as any of them has events, or after {@link #POLL_WAIT_MS}
 * with progress. So 1,000 watches cost one request in flight, not 1,000, and no member buffers anything per watcher.
 * A failed poll changes no position: the next one asks the same from another member (the transport moves on), so
 * a failover loses and repeats nothing. A watch added during a poll joins the next one (at most a poll wait later).
 */
final class WatchHub implements AutoCloseable {
  static final long POLL_WAIT_MS = 1_000;
  /** Watches per Query; more are polled without waiting, so none is starved. */
  static final int MAX_PER_POLL = 2_000;
  private static final long MAX_BACKOFF_MS = 1_000;

  private final PopTransport transport;
  private final ClientConfig config;
  private final Set<WatcherState> active = ConcurrentHashMap.newKeySet();
  private final Object wakeup = new Object();
  private Thread thread;
  private volatile boolean closed;
  private int offset;

  WatchHub(PopTransport transport, ClientConfig config) {
    this.transport = transport;
    this.config = config;
  }

  synchronized void add(WatcherState watcher) {
    if (closed) {
      watcher.cancel(new dev.pop.client.UnavailableException("watch: the client is closed"));
      return;
    }
    active.add(watcher);
    if (thread == null) {
      thread = new Thread(this::run, "pop-watch-hub");
      thread.setDaemon(true);
      thread.start();
    }
    synchronized (wakeup) {
      wakeup.notifyAll();
    }
  }

  void remove(WatcherState watcher) {
    active.remove(watcher);
  }

  int size() {
    return active.size();
  }

  private void run() {
    long backoffMs = 0;
    while (!closed) {
      List<WatcherState> round = nextRound();
      if (round.isEmpty()) {
        synchronized (wakeup) {
          try {
            wakeup.wait(POLL_WAIT_MS);
          } catch (InterruptedException e) {
            return;
          }
        }
        continue;
      }
      long waitMs = active.size() > round.size() ? 0 : POLL_WAIT_MS;
      Query.Builder query = Query.newBuilder();
      for (WatcherState w : round) {
        query.addRequests(Request.newBuilder().setWatch(w.request(waitMs)));
      }
      try {
        QueryResult result = poll(query.build(), waitMs);
        for (int i = 0; i < round.size(); i++) {
          round.get(i).accept(result.getResponses(i));
        }
        backoffMs = 0;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof PopException refused
            && refused.code() == dev.pop.client.ErrorCode.INVALID_ARGUMENT) {
          round.forEach(w -> w.cancel(refused)); // a bad request stays bad: nothing to retry
        } else {
          backoffMs = backoff(backoffMs);
        }
      } catch (RuntimeException | TimeoutException e) {
        backoffMs = backoff(backoffMs);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The active watches for this poll: all of them, or the next {@link #MAX_PER_POLL} in turn. */
  private List<WatcherState> nextRound() {
    List<WatcherState> all = new ArrayList<>();
    for (WatcherState w : active) {
      if (!w.ended()) {
        all.add(w);
      }
    }
    if (all.size() <= MAX_PER_POLL) {
      return all;
    }
    offset = offset % all.size();
    List<WatcherState> round = new ArrayList<>(MAX_PER_POLL);
    for (int i = 0; i < MAX_PER_POLL; i++) {
      round.add(all.get((offset + i) % all.size()));
    }
    offset += MAX_PER_POLL;
    return round;
  }

  private QueryResult poll(Query query, long waitMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    AttemptHistory history = new AttemptHistory();
    history.started();
    ByteBuffer reply = transport.send(RequestKind.WATCH, null, query.toByteArray(), history)
        .exceptionallyCompose(t -> {
          Failure f = FailureClassifier.classify(t);
          if (f.kind() == Failure.Kind.REFUSED) {
            return java.util.concurrent.CompletableFuture.failedFuture(PopErrors.of(f.code(), "watch: " + f.reason()));
          }
          return java.util.concurrent.CompletableFuture.failedFuture(t);
        })
        .get(waitMs + config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    try {
      return QueryResult.parseFrom(reply);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new ExecutionException("malformed watch reply", e);
    }
  }

  /** Waits before the next poll after a failure (the transport has moved on to another member meanwhile). */
  private long backoff(long previousMs) {
    long ms = Math.min(MAX_BACKOFF_MS, Math.max(50, previousMs * 2));
    sleep(ms);
    return ms;
  }

  private void sleep(long ms) {
    synchronized (wakeup) {
      try {
        wakeup.wait(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (WatcherState w : active) {
      w.close();
    }
    active.clear();
    if (thread != null) {
      thread.interrupt();
    }
  }
}
