package dev.pop.server.store;

import dev.pop.proto.LockWaitRequest;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.server.lease.LeaseClock;
import dev.pop.server.lock.LockWaits;
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
      }
    }
  }

  LeaseClock leaseClock() {
    return leaseClock;
  }

  int parkedLockWaits() {
    return lockWaits.size();
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
  }
}
