package dev.pop.server.store;

import org.rocksdb.RocksDBException;

/**
 * Read access to one consistent state: the committed store at a RocksDB snapshot ({@link SnapshotView}, for
 * queries) or the store overlaid with the writes of the entry being applied ({@link PendingBatch}, so that a
 * request sees what the earlier ones of its Command or txn wrote). Readers (ranges, compares, lease and lock
 * lookups) are written once against this.
 */
interface StoreView {

  /** The value stored under a RocksDB key, or null. */
  byte[] get(byte[] key) throws RocksDBException;

  /** An iterator ending before {@code upperBound}; close it. */
  PendingBatch.Scan scan(byte[] upperBound);
}
