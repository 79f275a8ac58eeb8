package dev.pop.server.store;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** The committed store as of the snapshot in {@code read}. */
final class SnapshotView implements StoreView {
  private final RocksDB db;
  private final ReadOptions read;

  SnapshotView(RocksDB db, ReadOptions read) {
    this.db = db;
    this.read = read;
  }

  @Override
  public byte[] get(byte[] key) throws RocksDBException {
    return db.get(read, key);
  }

  @Override
  public PendingBatch.Scan scan(byte[] upperBound) {
    return PendingBatch.Scan.committed(db, read, upperBound);
  }
}
