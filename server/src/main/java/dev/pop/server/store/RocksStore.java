package dev.pop.server.store;

import dev.pop.proto.CommandResult;
import dev.pop.proto.Error;
import dev.pop.proto.LogEntry;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.Request;
import dev.pop.server.apply.Applier;
import dev.pop.server.apply.Errors;
import dev.pop.server.apply.Limits;
import dev.pop.server.apply.QuotaApplier;
import dev.pop.server.apply.ReplicatedStore;
import dev.pop.server.lease.LeaseClock;
import org.rocksdb.Checkpoint;
import org.rocksdb.MutableDBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The {@link ReplicatedStore} on RocksDB: an etcd-style MVCC key-value store (current state, history by
 * revision, compaction), exactly-once client sessions and the store's meta, all in one column family
 * (layout in {@link KeySpace}).
 *
 * <p><b>Crash consistency without RocksDB's WAL.</b> The Raft log already is the write-ahead log, so writes skip
 * RocksDB's WAL and live in the memtable until flushed. Each {@link #apply} is one WriteBatch holding the state
 * changes and the applied index; a batch never straddles memtables, and a single column family's memtables are
 * flushed (and installed) in write order, so after a crash RocksDB holds exactly the state of some earlier applied
 * index, with that index. The adapter reports {@link #appliedIndex()} to Ratis, which replays the later entries
 * from its log. Ratis only purges log entries covered by a snapshot, and {@link #checkpoint} flushes first, so
 * those entries are never needed again. (Several column families would need {@code atomic_flush} for the same
 * guarantee; one family with key prefixes needs nothing.)
 *
 * <p>Threads: {@link #apply} (and {@link #compact}, {@link #checkpoint}) are serialized; {@link #query} runs
 * concurrently on a RocksDB snapshot; {@link #close} waits for both.
 *
 * <p>Beside the store, each instance keeps a {@link MemberLocalState} (lease clock, parked lock waits), fed after
 * each commit; it is not replicated state.
 */
public final class RocksStore implements ReplicatedStore {
  static {
    RocksDB.loadLibrary();
  }

  private final RocksDB db;
  private final StoreOptions options;
  private final PendingBatch pending;
  private final CommandApplier commands;
  private final MemberLocalState local = new MemberLocalState();
  /** Queries, applies and the rest hold the read lock; close holds the write lock, so no native call outlives the DB. */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final Object writeLock = new Object();
  private volatile Meta committed;
  private boolean closed;
  /**
   * Set when a write failed: the in-memory view (session expiry bounds) may then be ahead of the disk, so the
   * store refuses further writes and the member must restart from what is on disk.
   */
  private volatile Throwable failure;

  private RocksStore(RocksDB db, StoreOptions options, Limits limits) throws RocksDBException {
    this.db = db;
    this.options = options;
    this.committed = Meta.decode(db.get(options.applyRead, KeySpace.META_KEY));
    this.pending = new PendingBatch(db, options.applyRead);
    Applier applier = new QuotaApplier(
        new StoreApplier(pending), limits.quotaBytes(), () -> pending.meta().logicalSize);
    this.commands = new CommandApplier(applier, SessionTable.load(pending));
    local.seed(new SnapshotView(db, options.applyRead));
  }

  /** Opens (or creates) the store in {@code dir}; a checkpoint directory opens as a store at its applied index. */
  public static RocksStore open(Path dir, Limits limits) throws IOException {
    Files.createDirectories(dir);
    StoreOptions options = new StoreOptions();
    RocksDB db = null;
    try {
      db = RocksDB.open(options.options, dir.toString());
      return new RocksStore(db, options, limits);
    } catch (RocksDBException | RuntimeException e) {
      if (db != null) {
        db.close();
      }
      options.close();
      throw new IOException("cannot open the store in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long appliedIndex() {
    return committed.appliedIndex;
  }

  @Override
  public long appliedTerm() {
    return committed.appliedTerm;
  }

  @Override
  public long revision() {
    return committed.revision;
  }

  /** Oldest revision still readable; 0 before the first compaction. */
  public long compactRevision() {
    return committed.compactRevision;
  }

  /** The quota's measure: bytes of keys and values in the current state and the retained history. */
  public long logicalSize() {
    return committed.logicalSize;
  }

  @Override
  public CommandResult apply(long term, long index, LogEntry entry) throws IOException {
    lifecycle.readLock().lock();
    try {
      synchronized (writeLock) {
        ensureWritable();
        Meta base = committed;
        if (index <= base.appliedIndex) {
          return EntryResults.replayed(db, options.applyRead, base, entry);
        }
        try {
          pending.begin(base, entry.getLeaderTimeMs());
          pending.meta().appliedIndex = index;
          pending.meta().appliedTerm = term;
          EntryResults.Applied applied = EntryResults.apply(commands, entry);
          List<ApplyEvent> events = pending.events();
          committed = pending.commit(options.write);
          local.publish(events);
          if (committed.revision != base.revision || committed.compactRevision != base.compactRevision) {
            local.historyChanged();
          }
          return applied.result(committed);
        } catch (IOException | RocksDBException | RuntimeException e) {
          failure = e;
          throw e;
        }
      }
    } catch (RocksDBException e) {
      throw new IOException("applying entry " + index + " failed in RocksDB: " + e.getMessage(), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** This member's lease timing, fed by this store's applies. */
  @Override
  public LeaseClock leaseClock() {
    return local.leaseClock();
  }

  /**
   * Answers the reads of a Query from one RocksDB snapshot. A storage failure is an {@link UncheckedIOException};
   * everything else is a per-request error. A lock_wait answers with the waiter's state at once.
   */
  @Override
  public QueryResult query(Query query) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      Snapshot snapshot = db.getSnapshot();
      try (ReadOptions read = new ReadOptions().setSnapshot(snapshot)) {
        Meta meta = Meta.decode(db.get(read, KeySpace.META_KEY));
        QueryReader reader = new QueryReader(new SnapshotView(db, read), meta, local.leaseClock());
        QueryResult.Builder out = QueryResult.newBuilder().setHeader(EntryResults.header(meta));
        for (Request request : query.getRequestsList()) {
          out.addResponses(reader.answer(request));
        }
        return out.build();
      } finally {
        db.releaseSnapshot(snapshot);
      }
    } catch (RocksDBException e) {
      throw new UncheckedIOException(new IOException("query failed in RocksDB: " + e.getMessage(), e));
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /**
   * Like {@link #query}, except that some reads may wait (wait_ms): a lock_wait whose waiter is still queued
   * completes when a later apply grants or drops that waiter; watches without events when a later commit brings
   * some; a tailing log_read when its stream gets an entry; each at the latest after wait_ms. The answer always
   * comes from the store as it stands at that moment.
   */
  @Override
  public CompletableFuture<QueryResult> queryAsync(Query query) {
    return local.answer(query, this::query);
  }

  /** Watches and tailing log reads parked on this member now. */
  public int parkedReads() {
    return local.parkedReads();
  }

  /** Lock waits parked on this member now. */
  public int parkedLockWaits() {
    return local.parkedLockWaits();
  }

  /**
   * Compacts the history at {@code revision}: reads at revisions below it then fail with COMPACTED. Changes the
   * replicated state (the logical size the quota uses), so every member must compact at the same point of the
   * log; until compaction is a replicated request, call it from the apply thread only in tests and tools.
   *
   * @return COMPACTED if {@code revision} is not above the current compact revision, INVALID_ARGUMENT if it is
   *     a future revision; empty when done
   */
  public Optional<Error> compact(long revision) throws IOException {
    lifecycle.readLock().lock();
    try {
      synchronized (writeLock) {
        ensureWritable();
        Meta base = committed;
        if (revision > base.revision) {
          return Optional.of(Errors.futureRevision(revision, base.revision));
        }
        if (revision <= base.compactRevision) {
          return Optional.of(Errors.compacted(revision, base.compactRevision));
        }
        try {
          pending.begin(base);
          Compactor.compact(pending, revision);
          committed = pending.commit(options.write);
          return Optional.empty();
        } catch (RocksDBException | RuntimeException e) {
          failure = e;
          throw e;
        }
      }
    } catch (RocksDBException e) {
      throw new IOException("compaction at " + revision + " failed in RocksDB: " + e.getMessage(), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Flushes the memtables, then hard-links the files into {@code target} (RocksDB {@link Checkpoint}). */
  @Override
  public void checkpoint(Path target) throws IOException {
    lifecycle.readLock().lock();
    try {
      synchronized (writeLock) {
        ensureOpen();
        if (Files.exists(target)) {
          throw new IOException("checkpoint target " + target + " already exists");
        }
        // the checkpoint must hold everything applied so far: with the WAL off, that is only after a flush
        db.flush(options.flush);
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
          checkpoint.createCheckpoint(target.toString());
        }
      }
    } catch (RocksDBException e) {
      throw new IOException("checkpoint into " + target + " failed in RocksDB: " + e.getMessage(), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Flushes and closes; later calls fail with {@link IllegalStateException}. Idempotent. */
  @Override
  public void close() throws IOException {
    closeDatabase(true);
  }

  /** Test only: closes like a crash would, losing every write that was not flushed yet. */
  void closeLikeCrash() throws IOException {
    try {
      db.setDBOptions(MutableDBOptions.builder().setAvoidFlushDuringShutdown(true).build());
    } catch (RocksDBException e) {
      throw new IOException(e);
    }
    closeDatabase(false);
  }

  /** Test only: persists the memtables, as RocksDB does on its own when they fill up. */
  void flush() throws IOException {
    try {
      db.flush(options.flush);
    } catch (RocksDBException e) {
      throw new IOException(e);
    }
  }

  /** A digest of the whole replicated state at one point in time (see {@link StoreHash}), like etcd's hashkv. */
  public StoreHash hash() {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return StoreHash.of(db);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Test only: every RocksDB key and value, hex-encoded, in key order. */
  List<String> rawContents() {
    List<String> out = new ArrayList<>();
    StoreHash.scan(db, options.applyRead, (k, v) -> out.add(HexFormat.of().formatHex(k) + "=" + HexFormat.of().formatHex(v)));
    return out;
  }

  private void closeDatabase(boolean flush) throws IOException {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      local.close();
      RocksDBException failure = null;
      try {
        if (flush) {
          db.flush(options.flush);
        }
      } catch (RocksDBException e) {
        failure = e;
      }
      pending.close();
      try {
        db.closeE();
      } catch (RocksDBException e) {
        failure = failure == null ? e : failure;
      }
      options.close();
      if (failure != null) {
        throw new IOException("closing the store failed in RocksDB: " + failure.getMessage(), failure);
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
  }

  private void ensureWritable() throws IOException {
    ensureOpen();
    Throwable f = failure;
    if (f != null) {
      throw new IOException("the store refuses writes after an earlier write failed: " + f.getMessage(), f);
    }
  }
}
