package dev.pop.server.store;

import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Offline operations on a store directory that is not open as a {@link RocksStore}: a checkpoint taken for a backup,
 * or a store restored from one.
 */
public final class StoreImage {
  static {
    RocksDB.loadLibrary();
  }

  private StoreImage() {
  }

  /**
   * What a store directory holds, from its meta record.
   *
   * @param appliedIndex the Raft log index its state reflects
   * @param appliedTerm that entry's term
   * @param revision its revision
   * @param keys live keys
   * @param leases leases that exist
   */
  public record Description(long appliedIndex, long appliedTerm, long revision, long keys, long leases) {
  }

  /** Reads the meta record of a closed store directory (opened read-only). */
  public static Description describe(Path dir) throws IOException {
    try (Options options = new Options().setCreateIfMissing(false);
         RocksDB db = RocksDB.openReadOnly(options, dir.toString())) {
      return describe(Meta.decode(db.get(KeySpace.META_KEY)));
    } catch (RocksDBException e) {
      throw new IOException("cannot read the store in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Makes a store restored from a backup start a new Raft history: its applied (term, index) become (0, 0), so a
   * fresh Raft log, whose entries start again from index 0, is applied on top of it instead of being skipped as
   * already applied. Everything else (keys, history, revision, leases, locks, sessions) is kept. Durable when it
   * returns (synced write, then flushed).
   */
  public static Description resetRaftPosition(Path dir) throws IOException {
    try (Options options = new Options().setCreateIfMissing(false);
         RocksDB db = RocksDB.open(options, dir.toString());
         WriteOptions sync = new WriteOptions().setSync(true);
         org.rocksdb.FlushOptions flush = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
      final Meta meta = Meta.decode(db.get(KeySpace.META_KEY));
      meta.appliedIndex = 0;
      meta.appliedTerm = 0;
      db.put(sync, KeySpace.META_KEY, meta.encode());
      db.flush(flush);
      return describe(meta);
    } catch (RocksDBException e) {
      throw new IOException("cannot reset the Raft position of the store in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Description describe(Meta m) {
    return new Description(m.appliedIndex, m.appliedTerm, m.revision, m.keyCount, m.leaseCount);
  }
}
