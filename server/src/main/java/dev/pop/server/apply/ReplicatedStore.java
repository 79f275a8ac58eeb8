package dev.pop.server.apply;

import dev.pop.proto.CommandResult;
import dev.pop.proto.LogEntry;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;

import dev.pop.server.lease.LeaseClock;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The deterministic state every member replicates: the applier and the store behind it.
 *
 * <p>The state machine adapter calls {@link #apply} once per committed log entry, in log order, from one
 * thread. Given the same entries, every member reaches byte-identical state. Business errors (a key over the
 * quota, a refused batch) are results inside the {@link CommandResult}, never exceptions: an exception from
 * {@code apply} means the disk is broken and stops the member.
 *
 * <p>{@link #query} may run concurrently with {@code apply}; each call sees one consistent point in time.
 *
 * <p>Entries come in two bodies: {@code command} (a client's, validated by {@link RequestValidator}) and
 * {@code internal} (proposed by the leader itself: lease expiry).
 *
 * <p>Implementation: {@code dev.pop.server.store.RocksStore}; open it with
 * {@code RocksStore.open(dir, limits)}.
 */
public interface ReplicatedStore extends Closeable {

  /** Index of the last log entry whose effects are in the store; 0 when empty. Survives restart. */
  long appliedIndex();

  /** Term of that entry; 0 when empty. */
  long appliedTerm();

  /** Current store revision (number of state-changing writes so far). */
  long revision();

  /** Oldest revision still readable; 0 before the first compaction. */
  long compactRevision();

  /**
   * Applies one committed entry. The new state and the applied (term, index) are written in one atomic
   * RocksDB write batch. An entry whose index is not above {@link #appliedIndex()} was applied before a
   * restart: it changes nothing and its responses come from the exactly-once session table where still kept
   * (otherwise the result has a header and no responses). An entry without a body only advances the applied
   * (term, index).
   *
   * <p>A Command carrying a client_id and request_id is applied at most once: a retry gets the stored responses
   * of the first apply, a request below the client's ack_below gets INVALID_ARGUMENT, and one whose result was
   * dropped after too many newer unacknowledged requests gets UNKNOWN_OUTCOME.
   *
   * <p>The header carries revision, applied_index and compact_revision; member_id and raft_term are left for
   * the caller. After an {@link IOException} the store refuses further applies: restart from what is on disk.
   */
  CommandResult apply(long term, long index, LogEntry entry) throws IOException;

  /**
   * Answers a batch of reads from one consistent view; per-request errors are in the responses (a future or
   * compacted revision, a write in a Query). A storage failure is an {@link java.io.UncheckedIOException}.
   */
  QueryResult query(Query query);

  /**
   * Like {@link #query}, but a Query holding a single lock_wait may complete later: when the waiter is granted the
   * lock or leaves the queue (reported by a later apply), or when its wait_ms has passed. Never blocks the caller.
   */
  default CompletableFuture<QueryResult> queryAsync(Query query) {
    try {
      return CompletableFuture.completedFuture(query(query));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * This member's monotonic view of lease refreshes (not replicated), fed by {@link #apply} and rebuilt when the
   * store opens; the leader's expiry task plans with it.
   */
  LeaseClock leaseClock();

  /** Writes a consistent copy of the whole store (applied index included) into {@code target}, which must not exist. */
  void checkpoint(Path target) throws IOException;
}
