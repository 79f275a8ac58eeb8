package dev.pop.server.store;

import dev.pop.proto.LockWaitRequest;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.Request;
import dev.pop.server.lease.LeaseClock;
import dev.pop.server.lock.LockWaits;
import dev.pop.server.lock.ParkedWaits;
import org.rocksdb.RocksDBException;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What one member keeps beside its store, in memory and never replicated: the {@link LeaseClock} (when this
 * member applied each lease's last refresh) and the parked {@link LockWaits}. Rebuilt whenever a store opens
 * and fed with each entry's {@link ApplyEvent}s after its commit.
 */
final class MemberLocalState implements AutoCloseable {
  private final LeaseClock leaseClock = new LeaseClock();
  private final LockWaits lockWaits = new LockWaits();
  /** Watches parked until the revision moves (one key: every change wakes them all, each rereads its position). */
  private final ParkedWaits<String> watchWaits = new ParkedWaits<>("pop-watch-waits");
  /** Tailing log reads, by stream. */
  private final ParkedWaits<String> streamWaits = new ParkedWaits<>("pop-stream-waits");
  private static final String REVISION = "";

  /** Stamps every lease of the opening store with the opening time: later than any refresh it had, never earlier. */
  void seed(StoreView store) throws RocksDBException {
    long now = System.nanoTime();
    LeaseReader.forEach(store, (id, lease) -> leaseClock.refreshed(id, lease.ttlMs, lease.refreshIndex, now));
  }

  /** Tells the companions what a committed entry did. */
  void publish(List<ApplyEvent> events) {
    long now = System.nanoTime();
    for (ApplyEvent event : events) {
      if (event instanceof ApplyEvent.LeaseRefreshed r) {
        leaseClock.refreshed(r.id(), r.ttlMs(), r.refreshIndex(), now);
      } else if (event instanceof ApplyEvent.LeaseEnded e) {
        leaseClock.ended(e.id());
      } else if (event instanceof ApplyEvent.WaiterChanged w) {
        lockWaits.changed(w.name(), w.waiterId());
      } else if (event instanceof ApplyEvent.Appended a) {
        streamWaits.changed(a.stream());
      }
    }
  }

  /** After a commit that changed the revision or the compaction point: wakes the parked watches. */
  void historyChanged() {
    watchWaits.changed(REVISION);
  }

  int parkedReads() {
    return watchWaits.size() + streamWaits.size();
  }

  /**
   * Answers a Query of watches (with wait_ms) at once if any has events or an error, otherwise when a later commit
   * brings some, or after wait_ms (then as a progress notification).
   */
  CompletableFuture<QueryResult> watch(Query query, long waitMs, Function<Query, QueryResult> read) {
    return park(query, read, watchWaits, REVISION, System.nanoTime() + waitMs * 1_000_000L,
        r -> r.getResponsesList().stream().anyMatch(WatchReader::hasNews));
  }

  /** Answers a tailing log_read at once if it has entries (or an error), else when some are appended or after wait_ms. */
  CompletableFuture<QueryResult> tail(Query query, Function<Query, QueryResult> read) {
    dev.pop.proto.LogReadRequest r = query.getRequests(0).getLogRead();
    return park(query, read, streamWaits, r.getStream(), System.nanoTime() + r.getWaitMs() * 1_000_000L,
        q -> LogStreams.hasNews(q.getResponses(0)));
  }

  /** Registers before reading (so a change committed in between is read or reported), re-parks on a change that brought nothing. */
  private static CompletableFuture<QueryResult> park(Query query, Function<Query, QueryResult> read,
      ParkedWaits<String> waits, String key, long deadlineNanos, java.util.function.Predicate<QueryResult> news) {
    long remainingMs = Math.max(0, (deadlineNanos - System.nanoTime() + 999_999L) / 1_000_000L); // never early
    CompletableFuture<Void> signal = waits.await(key, remainingMs);
    QueryResult now = read.apply(query);
    if (remainingMs == 0 || news.test(now)) {
      signal.complete(null);
      return CompletableFuture.completedFuture(now);
    }
    return signal.thenComposeAsync(v -> park(query, read, waits, key, deadlineNanos, news), waits.executor());
  }

  LeaseClock leaseClock() {
    return leaseClock;
  }

  int parkedLockWaits() {
    return lockWaits.size();
  }

  /** Answers a Query at once with {@code read}, or parks it if it may wait (lock_wait, watch, tailing log_read). */
  CompletableFuture<QueryResult> answer(Query query, Function<Query, QueryResult> read) {
    try {
      Request first = query.getRequestsCount() == 0 ? Request.getDefaultInstance() : query.getRequests(0);
      if (first.hasLockWait() && first.getLockWait().getWaitMs() > 0) {
        return lockWait(query, read);
      }
      long watchWaitMs = !first.hasWatch() ? 0
          : query.getRequestsList().stream().mapToLong(r -> r.getWatch().getWaitMs()).max().orElse(0);
      if (watchWaitMs > 0) {
        return watch(query, watchWaitMs, read);
      }
      if (first.hasLogRead() && first.getLogRead().getWaitMs() > 0) {
        return tail(query, read);
      }
      return CompletableFuture.completedFuture(read.apply(query));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Answers a Query holding one lock_wait: at once if its waiter is not queued (any more), otherwise when a later
   * apply grants or drops the waiter, or after wait_ms; each answer comes from {@code read} at that moment.
   */
  CompletableFuture<QueryResult> lockWait(Query query, Function<Query, QueryResult> read) {
    LockWaitRequest wait = query.getRequests(0).getLockWait();
    // register before reading, so a grant committed in between is either read or reported
    CompletableFuture<Void> signal = lockWaits.await(wait.getName(), wait.getWaiterId(), wait.getWaitMs());
    QueryResult now = read.apply(query);
    if (!LockReader.stillQueued(now.getResponses(0))) {
      signal.complete(null);
      return CompletableFuture.completedFuture(now);
    }
    return signal.thenApplyAsync(v -> read.apply(query), lockWaits.executor());
  }

  /** Wakes every parked wait. */
  @Override
  public void close() {
    lockWaits.close();
    watchWaits.close();
    streamWaits.close();
  }
}
