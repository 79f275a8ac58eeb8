package dev.pop.server.store;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

/**
 * The pending effects of the entry being applied: its writes and the {@link Meta} they lead to, committed
 * together as one atomic RocksDB write. Writes are readable before the commit, since a later request of the same
 * Command (or the session bookkeeping after it) must see what an earlier one wrote; that is RocksDB's
 * {@link WriteBatchWithIndex}, reused across entries.
 *
 * <p>Only the apply thread uses it. Do not write while a {@link Scan} is open: collect first, then write
 * (RocksDB does not keep such an iterator's position valid across batch updates).
 */
final class PendingBatch implements AutoCloseable {
  private final RocksDB db;
  private final ReadOptions readOptions;
  private final WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
  private Meta meta;

  PendingBatch(RocksDB db, ReadOptions readOptions) {
    this.db = db;
    this.readOptions = readOptions;
  }

  /** Starts a new entry on top of the committed {@code base}, which is not modified. */
  void begin(Meta base) {
    batch.clear();
    meta = base.copy();
  }

  /** The meta the pending writes lead to; appliers update it as they write. */
  Meta meta() {
    return meta;
  }

  byte[] get(byte[] key) throws RocksDBException {
    return batch.getFromBatchAndDB(db, readOptions, key);
  }

  void put(byte[] key, byte[] value) throws RocksDBException {
    batch.put(key, value);
  }

  void delete(byte[] key) throws RocksDBException {
    batch.delete(key);
  }

  /**
   * An iterator over the committed store overlaid with this batch's writes, ending before {@code upperBound}.
   * The bound matters beyond saving a comparison: RocksDB stops there instead of skipping the deletion
   * tombstones that follow (acknowledged results, compacted history), which would make every scan slower
   * than the last.
   */
  Scan scan(byte[] upperBound) {
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

    @Override
    public void close() {
      it.close();
      read.close();
      bound.close();
    }
  }
}
