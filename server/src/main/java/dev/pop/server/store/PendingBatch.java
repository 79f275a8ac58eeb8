package dev.pop.server.store;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * The pending effects of the entry being applied: its writes and the {@link Meta} they lead to, committed
 * together as one atomic RocksDB write. Writes are readable before the commit, since a later request of the same
 * Command (or the session bookkeeping after it) must see what an earlier one wrote; that is RocksDB's
 * {@link WriteBatchWithIndex}, reused across entries.
 *
 * <p>A txn {@link #mark marks} the batch, so a refused request inside it can {@link #rollback} every write, the
 * meta and the {@link ApplyEvent}s since; while it {@link #shareRevision shares} a revision, all its writes take
 * one revision ({@link #writeRevision}).
 *
 * <p>Only the apply thread uses it. Do not write while a {@link Scan} is open: collect first, then write
 * (RocksDB does not keep such an iterator's position valid across batch updates).
 */
final class PendingBatch implements StoreView, AutoCloseable {
  private final RocksDB db;
  private final ReadOptions readOptions;
  private final WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
  private final List<ApplyEvent> events = new ArrayList<>();
  private Meta meta;
  private long leaderTimeMs;
  private boolean sharing;
  private long sharedRevision;

  PendingBatch(RocksDB db, ReadOptions readOptions) {
    this.db = db;
    this.readOptions = readOptions;
  }

  /** Starts a new entry on top of the committed {@code base}, which is not modified. */
  void begin(Meta base) {
    begin(base, 0);
  }

  /** Starts a new entry stamped by the leader with {@code leaderTimeMs}. */
  void begin(Meta base, long leaderTimeMs) {
    batch.clear();
    events.clear();
    meta = base.copy();
    this.leaderTimeMs = leaderTimeMs;
    sharing = false;
  }

  /** The leader's clock when it accepted the entry: recorded where a time is noted, never compared across members. */
  long leaderTimeMs() {
    return leaderTimeMs;
  }

  /** The meta the pending writes lead to; appliers update it as they write. */
  Meta meta() {
    return meta;
  }

  /**
   * The revision of a state-changing key write: the next one, or while sharing, the one the first write of the
   * shared scope took.
   */
  long writeRevision() {
    if (!sharing) {
      return ++meta.revision;
    }
    if (sharedRevision == 0) {
      sharedRevision = ++meta.revision;
    }
    return sharedRevision;
  }

  /** True while writes share one revision: a key may then be written twice at the same revision. */
  boolean sharing() {
    return sharing;
  }

  void shareRevision(boolean on) {
    sharing = on;
    sharedRevision = 0;
  }

  void emit(ApplyEvent event) {
    events.add(event);
  }

  /** The events of the entry, to publish once committed. */
  List<ApplyEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public byte[] get(byte[] key) throws RocksDBException {
    return batch.getFromBatchAndDB(db, readOptions, key);
  }

  void put(byte[] key, byte[] value) throws RocksDBException {
    batch.put(key, value);
  }

  void delete(byte[] key) throws RocksDBException {
    batch.delete(key);
  }

  /** Remembers the current writes, meta and events, so {@link #rollback} can return to them. */
  Mark mark() {
    batch.setSavePoint();
    return new Mark(meta.copy(), events.size());
  }

  /** Undoes everything since {@code mark}. */
  void rollback(Mark mark) throws RocksDBException {
    batch.rollbackToSavePoint();
    meta = mark.meta;
    events.subList(mark.events, events.size()).clear();
  }

  /** Keeps everything since {@code mark}. */
  void release(Mark mark) throws RocksDBException {
    batch.popSavePoint();
  }

  /**
   * An iterator over the committed store overlaid with this batch's writes, ending before {@code upperBound}.
   * The bound matters beyond saving a comparison: RocksDB stops there instead of skipping the deletion
   * tombstones that follow (acknowledged results, compacted history), which would make every scan slower
   * than the last.
   */
  @Override
  public Scan scan(byte[] upperBound) {
    return new Scan(db, batch, readOptions, upperBound);
  }

  /** Writes the batch and the meta atomically and returns the meta, now committed. */
  Meta commit(WriteOptions writeOptions) throws RocksDBException {
    batch.put(KeySpace.META_KEY, meta.encode());
    db.write(writeOptions, batch);
    batch.clear();
    Meta committed = meta;
    meta = null;
    return committed;
  }

  @Override
  public void close() {
    batch.close();
  }

  /** A point to roll back to. */
  static final class Mark {
    private final Meta meta;
    private final int events;

    private Mark(Meta meta, int events) {
      this.meta = meta;
      this.events = events;
    }
  }

  /** A bounded iterator and the native objects it needs while open. */
  static final class Scan implements AutoCloseable {
    final RocksIterator it;
    private final Slice bound;
    private final ReadOptions read;

    private Scan(RocksDB db, WriteBatchWithIndex batch, ReadOptions base, byte[] upperBound) {
      bound = new Slice(upperBound);
      read = new ReadOptions(base).setIterateUpperBound(bound);
      it = batch.newIteratorWithBase(db.getDefaultColumnFamily(), db.newIterator(read), read);
    }

    private Scan(RocksDB db, ReadOptions base, byte[] upperBound) {
      bound = new Slice(upperBound);
      read = new ReadOptions(base).setIterateUpperBound(bound);
      it = db.newIterator(read);
    }

    /** An iterator over the committed store only (a snapshot, when {@code base} carries one). */
    static Scan committed(RocksDB db, ReadOptions base, byte[] upperBound) {
      return new Scan(db, base, upperBound);
    }

    @Override
    public void close() {
      it.close();
      read.close();
      bound.close();
    }
  }
}
