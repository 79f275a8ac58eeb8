package dev.pop.server.store;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB options of a {@link RocksStore} and the native objects that must outlive the database.
 *
 * <ul>
 *   <li>WAL off: the Raft log is the write-ahead log. This is crash consistent because everything is in one
 *       column family (see {@link RocksStore}).
 *   <li>Bloom filters: every put does a point lookup of the key's current version, usually a miss for new keys.
 *   <li>64 MiB memtables: with the WAL off, unflushed memtables are what Ratis replays after a crash; this bounds
 *       the replay while keeping flushes large.
 *   <li>LZ4, ZSTD at the bottom level: history is compressible and mostly cold.
 * </ul>
 */
final class StoreOptions implements AutoCloseable {
  private static final long MiB = 1 << 20;

  final Options options;
  final WriteOptions write;
  /** For reads of the apply thread (no snapshot: it is the only writer). */
  final ReadOptions applyRead;
  final FlushOptions flush;
  private final Cache blockCache;
  private final BloomFilter bloom;

  StoreOptions() {
    blockCache = new LRUCache(128 * MiB);
    bloom = new BloomFilter(10, false);
    BlockBasedTableConfig table = new BlockBasedTableConfig()
        .setBlockCache(blockCache)
        .setFilterPolicy(bloom)
        .setBlockSize(16 * 1024)
        .setCacheIndexAndFilterBlocks(true)
        .setPinL0FilterAndIndexBlocksInCache(true);
    options = new Options()
        .setCreateIfMissing(true)
        .setTableFormatConfig(table)
        .setWriteBufferSize(64 * MiB)
        .setMaxWriteBufferNumber(3)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
        .setLevelCompactionDynamicLevelBytes(true)
        .setMaxBackgroundJobs(Math.max(2, Runtime.getRuntime().availableProcessors()))
        .setBytesPerSync(MiB)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
        .setKeepLogFileNum(3)
        // a clean close flushes the memtables, so a restart replays nothing
        .setAvoidFlushDuringShutdown(false);
    write = new WriteOptions().setDisableWAL(true).setSync(false);
    applyRead = new ReadOptions();
    flush = new FlushOptions().setWaitForFlush(true);
  }

  @Override
  public void close() {
    flush.close();
    applyRead.close();
    write.close();
    options.close();
    bloom.close();
    blockCache.close();
  }
}
