package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.DeleteRangeResponse;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.PutRequest;
import dev.pop.proto.PutResponse;
import dev.pop.proto.Response;
import dev.pop.server.apply.Errors;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * MVCC writes into the {@link PendingBatch}: put and delete_range, and the primitives counters and leases build
 * on. A write stores the key's new current version, the same version into history and a change marker; a delete
 * writes a tombstone into history. Each state-changing request takes the next revision (all of a txn's writes
 * share one, see {@link PendingBatch#writeRevision}); a delete of N keys is one revision (like etcd), and one that
 * matches nothing takes none. A key attached to a lease is listed under it ({@link KeySpace#attached}).
 */
final class KvApplier {
  private final PendingBatch pending;

  KvApplier(PendingBatch pending) {
    this.pending = pending;
  }

  Response put(PutRequest put) throws IOException {
    try {
      if (put.getLease() != 0 && !LeaseReader.exists(pending, put.getLease())) {
        return Errors.response(Errors.of(ErrorCode.NOT_FOUND, "put: lease " + put.getLease() + " not found"));
      }
      ByteString key = put.getKey();
      byte[] prev = pending.get(KeySpace.current(key));
      long revision = write(key, put.getValue(), put.getLease(), prev);
      PutResponse.Builder out = PutResponse.newBuilder().setRevision(revision);
      if (put.getPrevKv() && prev != null) {
        out.setPrevKv(VersionRecord.toKeyValue(key, prev, false));
      }
      return Response.newBuilder().setPut(out).build();
    } catch (RocksDBException e) {
      throw new IOException("put failed in RocksDB: " + e.getMessage(), e);
    }
  }

  Response deleteRange(DeleteRangeRequest delete) throws IOException {
    try {
      List<ByteString> keys = new ArrayList<>();
      List<byte[]> records = new ArrayList<>();
      collect(delete.getKey(), delete.getRangeEnd(), keys, records);
      long revision = deleteAll(keys, records);
      DeleteRangeResponse.Builder out = DeleteRangeResponse.newBuilder().setDeleted(keys.size()).setRevision(revision);
      if (delete.getPrevKv()) {
        for (int i = 0; i < keys.size(); i++) {
          out.addPrevKvs(VersionRecord.toKeyValue(keys.get(i), records.get(i), false));
        }
      }
      return Response.newBuilder().setDeleteRange(out).build();
    } catch (RocksDBException e) {
      throw new IOException("delete_range failed in RocksDB: " + e.getMessage(), e);
    }
  }

  /**
   * Writes a new version of {@code key} over its current record {@code prev} (null if none) and returns its
   * revision. The caller has checked the lease exists.
   */
  long write(ByteString key, ByteString value, long lease, byte[] prev) throws RocksDBException {
    Meta meta = pending.meta();
    long revision = pending.writeRevision();
    long createRevision = prev == null ? revision : VersionRecord.createRevision(prev);
    long version = prev == null ? 1 : VersionRecord.version(prev) + 1;
    byte[] record = VersionRecord.live(createRevision, revision, version, lease, value);
    pending.put(KeySpace.current(key), record);
    writeHistory(key, revision, record);
    // the current entry replaces the previous one
    meta.logicalSize += key.size() + value.size() - (prev == null ? 0 : key.size() + VersionRecord.valueSize(prev));
    if (prev == null) {
      meta.keyCount++;
    }
    long prevLease = prev == null ? 0 : VersionRecord.lease(prev);
    if (prevLease != lease) {
      if (prevLease != 0) {
        pending.delete(KeySpace.attached(prevLease, key));
      }
      if (lease != 0) {
        pending.put(KeySpace.attached(lease, key), KeySpace.EMPTY);
      }
    }
    return revision;
  }

  /**
   * Deletes live keys (with their current records) at one revision and returns it; the current revision if
   * {@code keys} is empty.
   */
  long deleteAll(List<ByteString> keys, List<byte[]> records) throws RocksDBException {
    Meta meta = pending.meta();
    if (keys.isEmpty()) {
      return meta.revision;
    }
    long revision = pending.writeRevision();
    byte[] tombstone = VersionRecord.tombstone(revision);
    for (int i = 0; i < keys.size(); i++) {
      ByteString key = keys.get(i);
      byte[] prev = records.get(i);
      pending.delete(KeySpace.current(key));
      writeHistory(key, revision, tombstone);
      // the current entry (key and value) goes away
      meta.logicalSize -= key.size() + VersionRecord.valueSize(prev);
      meta.keyCount--;
      long lease = VersionRecord.lease(prev);
      if (lease != 0) {
        pending.delete(KeySpace.attached(lease, key));
      }
    }
    return revision;
  }

  /**
   * Writes the history entry of {@code key} at {@code revision} and counts it. Inside a txn the key may already
   * have one at this revision (written earlier in the same txn): it is replaced, so it stops counting.
   */
  private void writeHistory(ByteString key, long revision, byte[] record) throws RocksDBException {
    byte[] historyKey = KeySpace.history(key, revision);
    if (pending.sharing()) {
      byte[] replaced = pending.get(historyKey);
      if (replaced != null) {
        pending.meta().logicalSize -= key.size() + VersionRecord.valueSize(replaced);
      }
    }
    pending.put(historyKey, record);
    pending.put(KeySpace.change(revision, key), KeySpace.EMPTY);
    pending.meta().logicalSize += key.size() + VersionRecord.valueSize(record);
  }

  /** The live keys in the range and their current records, read before any write (see {@link PendingBatch}). */
  void collect(ByteString key, ByteString rangeEnd, List<ByteString> keys, List<byte[]> records)
      throws RocksDBException {
    if (rangeEnd.isEmpty()) {
      byte[] record = pending.get(KeySpace.current(key));
      if (record != null) {
        keys.add(key);
        records.add(record);
      }
      return;
    }
    byte[] end = KeySpace.currentEnd(key, rangeEnd);
    try (PendingBatch.Scan scan = pending.scan(end)) {
      RocksIterator it = scan.it;
      for (it.seek(KeySpace.current(key)); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (!KeySpace.before(k, end)) {
          break;
        }
        keys.add(KeySpace.userKeyOfCurrent(k));
        records.add(it.value());
      }
      it.status();
    }
  }
}
