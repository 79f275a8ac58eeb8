package dev.pop.server.store;

import com.google.protobuf.ByteString;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Drops the history that no read at revision {@code >= target} needs: for every key, all versions at or before
 * the target except the newest one, and that one too if it is a tombstone (etcd's compaction). Only keys that
 * changed since the previous compaction can hold such versions, so the change markers of
 * (compactRevision, target] say exactly which key groups to visit; the markers go with them.
 *
 * <p>Deterministic and written into the {@link PendingBatch}, so it can run inside an apply when compaction
 * becomes a replicated request.
 */
final class Compactor {
  private static final byte[] HISTORY_END = {KeySpace.HISTORY + 1};

  private Compactor() {}

  /** Requires {@code meta.compactRevision < target <= meta.revision}. */
  static void compact(PendingBatch pending, long target) throws RocksDBException {
    Meta meta = pending.meta();
    long previous = meta.compactRevision;
    List<byte[]> drop = new ArrayList<>();
    // visiting keys in byte order makes the history seeks move forward through the files
    TreeSet<ByteString> keys = new TreeSet<>(ByteString.unsignedLexicographicalComparator());
    byte[] end = KeySpace.changesFrom(target + 1);
    try (PendingBatch.Scan scan = pending.scan(end)) {
      RocksIterator it = scan.it;
      for (it.seek(KeySpace.changesFrom(previous + 1)); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (!KeySpace.before(k, end)) {
          break;
        }
        drop.add(k);
        keys.add(KeySpace.userKeyOfChange(k));
      }
      it.status();
    }
    long freed = 0;
    try (PendingBatch.Scan scan = pending.scan(HISTORY_END)) {
      RocksIterator it = scan.it;
      for (ByteString key : keys) {
        byte[] group = KeySpace.historyGroup(key);
        boolean newest = true;
        for (it.seek(KeySpace.withRevision(group, target)); it.isValid(); it.next()) {
          byte[] k = it.key();
          if (!KeySpace.hasPrefix(k, group)) {
            break;
          }
          byte[] record = it.value();
          if (!newest || VersionRecord.isTombstone(record)) {
            drop.add(k);
            freed += key.size() + VersionRecord.valueSize(record);
          }
          newest = false;
          if (KeySpace.revisionOfHistory(k) <= previous) {
            // the previous compaction left at most this one version at or below its revision: stop here
            // rather than step over the deletion tombstones it left further down
            break;
          }
        }
        it.status();
      }
    }
    for (byte[] k : drop) {
      pending.delete(k);
    }
    meta.logicalSize -= freed;
    meta.compactRevision = target;
  }
}
