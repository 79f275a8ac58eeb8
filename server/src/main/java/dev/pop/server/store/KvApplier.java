package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.DeleteRangeResponse;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.PutRequest;
import dev.pop.proto.PutResponse;
import dev.pop.proto.Response;
import dev.pop.server.apply.Applier;
import dev.pop.server.apply.Errors;
import dev.pop.server.apply.LeaseLookup;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The backend of the applier chain: MVCC writes into the {@link PendingBatch}. A put writes the key's new
 * current version, the same version into history and a change marker; a delete writes a tombstone into history.
 * Each state-changing request takes the next revision; a delete_range of N keys is one revision (like etcd), and
 * one that matches nothing takes none.
 */
final class KvApplier implements Applier {
  private final PendingBatch pending;
  private final LeaseLookup leases;

  KvApplier(PendingBatch pending, LeaseLookup leases) {
    this.pending = pending;
    this.leases = leases;
  }

  @Override
  public Response put(PutRequest put) throws IOException {
    if (put.getLease() != 0 && !leases.exists(put.getLease())) {
      return Errors.response(Errors.of(ErrorCode.NOT_FOUND, "put: lease " + put.getLease() + " not found"));
    }
    try {
      Meta meta = pending.meta();
      ByteString key = put.getKey();
      byte[] currentKey = KeySpace.current(key);
      byte[] prev = pending.get(currentKey);
      long revision = ++meta.revision;
      long createRevision = prev == null ? revision : VersionRecord.createRevision(prev);
      long version = prev == null ? 1 : VersionRecord.version(prev) + 1;
      byte[] record = VersionRecord.live(createRevision, revision, version, put.getLease(), put.getValue());
      pending.put(currentKey, record);
      pending.put(KeySpace.history(key, revision), record);
      pending.put(KeySpace.change(revision, key), KeySpace.EMPTY);

      long entryBytes = (long) key.size() + put.getValue().size();
      // one new history entry, and the current entry replaces the previous one
      meta.logicalSize += 2 * entryBytes - (prev == null ? 0 : key.size() + VersionRecord.valueSize(prev));
      if (prev == null) {
        meta.keyCount++;
      }
      PutResponse.Builder out = PutResponse.newBuilder().setRevision(revision);
      if (put.getPrevKv() && prev != null) {
        out.setPrevKv(VersionRecord.toKeyValue(key, prev, false));
      }
      return Response.newBuilder().setPut(out).build();
    } catch (RocksDBException e) {
      throw new IOException("put failed in RocksDB: " + e.getMessage(), e);
    }
  }

  @Override
  public Response deleteRange(DeleteRangeRequest delete) throws IOException {
    try {
      List<ByteString> keys = new ArrayList<>();
      List<byte[]> records = new ArrayList<>();
      collect(delete.getKey(), delete.getRangeEnd(), keys, records);
      Meta meta = pending.meta();
      DeleteRangeResponse.Builder out = DeleteRangeResponse.newBuilder().setDeleted(keys.size());
      if (keys.isEmpty()) {
        return Response.newBuilder().setDeleteRange(out.setRevision(meta.revision)).build();
      }
      long revision = ++meta.revision;
      byte[] tombstone = VersionRecord.tombstone(revision);
      for (int i = 0; i < keys.size(); i++) {
        ByteString key = keys.get(i);
        byte[] prev = records.get(i);
        pending.delete(KeySpace.current(key));
        pending.put(KeySpace.history(key, revision), tombstone);
        pending.put(KeySpace.change(revision, key), KeySpace.EMPTY);
        // the tombstone adds the key to history; the current entry (key and value) goes away
        meta.logicalSize -= VersionRecord.valueSize(prev);
        meta.keyCount--;
        if (delete.getPrevKv()) {
          out.addPrevKvs(VersionRecord.toKeyValue(key, prev, false));
        }
      }
      return Response.newBuilder().setDeleteRange(out.setRevision(revision)).build();
    } catch (RocksDBException e) {
      throw new IOException("delete_range failed in RocksDB: " + e.getMessage(), e);
    }
  }

  /** The live keys in the range and their current records, read before any write (see {@link PendingBatch}). */
  private void collect(ByteString key, ByteString rangeEnd, List<ByteString> keys, List<byte[]> records)
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
