package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.LeaseExpireRequest;
import dev.pop.proto.LeaseGrantRequest;
import dev.pop.proto.LeaseGrantResponse;
import dev.pop.proto.LeaseKeepAliveRequest;
import dev.pop.proto.LeaseKeepAliveResponse;
import dev.pop.proto.LeaseRevokeRequest;
import dev.pop.proto.LeaseRevokeResponse;
import dev.pop.proto.Response;
import dev.pop.server.apply.Errors;
import org.rocksdb.RocksDBException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Leases in the {@link PendingBatch}: grant, keepalive, revoke, and the leader's expiry. A lease's refresh index
 * is the log index of its last grant or keepalive; an expiry applies only if it still matches, so a keepalive
 * committed after the leader planned the expiry wins. Ending a lease deletes its keys at one revision and
 * releases its locks and lock waits, in the same batch.
 */
final class LeaseApplier {
  private final PendingBatch pending;
  private final KvApplier kv;
  private final LockTable locks;

  LeaseApplier(PendingBatch pending, KvApplier kv, LockTable locks) {
    this.pending = pending;
    this.kv = kv;
    this.locks = locks;
  }

  Response grant(LeaseGrantRequest request) throws IOException {
    try {
      Meta meta = pending.meta();
      long id = request.getId();
      if (id != 0 && LeaseReader.exists(pending, id)) {
        return Errors.response(Errors.of(ErrorCode.CONFLICT, "lease_grant: lease " + id + " already exists"));
      }
      if (id == 0) {
        id = Math.max(1, meta.nextLeaseId);
        while (LeaseReader.exists(pending, id)) {
          id++;
        }
        meta.nextLeaseId = id + 1;
      }
      long now = pending.leaderTimeMs();
      save(id, new LeaseRecord(request.getTtlMs(), meta.appliedIndex, now, now));
      meta.leaseCount++;
      return Response.newBuilder()
          .setLeaseGrant(LeaseGrantResponse.newBuilder().setId(id).setTtlMs(request.getTtlMs())).build();
    } catch (RocksDBException e) {
      throw new IOException("lease_grant failed in RocksDB: " + e.getMessage(), e);
    }
  }

  Response keepAlive(LeaseKeepAliveRequest request) throws IOException {
    try {
      LeaseRecord r = LeaseReader.record(pending, request.getId());
      if (r == null) {
        return notFound("lease_keep_alive", request.getId());
      }
      save(request.getId(), r.refreshed(pending.meta().appliedIndex, pending.leaderTimeMs()));
      return Response.newBuilder().setLeaseKeepAlive(
          LeaseKeepAliveResponse.newBuilder().setId(request.getId()).setTtlMs(r.ttlMs)).build();
    } catch (RocksDBException e) {
      throw new IOException("lease_keep_alive failed in RocksDB: " + e.getMessage(), e);
    }
  }

  Response revoke(LeaseRevokeRequest request) throws IOException {
    try {
      if (!LeaseReader.exists(pending, request.getId())) {
        return notFound("lease_revoke", request.getId());
      }
      return Response.newBuilder().setLeaseRevoke(end(request.getId())).build();
    } catch (RocksDBException e) {
      throw new IOException("lease_revoke failed in RocksDB: " + e.getMessage(), e);
    }
  }

  Response expire(LeaseExpireRequest request) throws IOException {
    try {
      LeaseRecord r = LeaseReader.record(pending, request.getId());
      if (r == null) {
        return notFound("lease_expire", request.getId());
      }
      if (r.refreshIndex != request.getRefreshIndex()) {
        return Errors.response(Errors.of(ErrorCode.CONFLICT, "lease_expire: lease " + request.getId()
            + " was refreshed at index " + r.refreshIndex + ", expiry was planned for index "
            + request.getRefreshIndex() + "; the lease stays"));
      }
      return Response.newBuilder().setLeaseExpire(end(request.getId())).build();
    } catch (RocksDBException e) {
      throw new IOException("lease_expire failed in RocksDB: " + e.getMessage(), e);
    }
  }

  private LeaseRevokeResponse end(long id) throws RocksDBException {
    pending.delete(KeySpace.lease(id));
    pending.meta().leaseCount--;
    pending.emit(new ApplyEvent.LeaseEnded(id));
    List<ByteString> keys = new ArrayList<>();
    LeaseReader.forEachKey(pending, id, keys::add);
    List<ByteString> live = new ArrayList<>(keys.size());
    List<byte[]> records = new ArrayList<>(keys.size());
    for (ByteString key : keys) {
      byte[] record = pending.get(KeySpace.current(key));
      if (record != null && VersionRecord.lease(record) == id) {
        live.add(key);
        records.add(record);
      } else {
        pending.delete(KeySpace.attached(id, key)); // never written so; drop rather than stop a member
      }
    }
    long revision = kv.deleteAll(live, records);
    locks.leaseEnded(id);
    return LeaseRevokeResponse.newBuilder().setDeleted(live.size()).setRevision(revision).build();
  }

  private void save(long id, LeaseRecord r) throws RocksDBException {
    pending.put(KeySpace.lease(id), r.encode());
    pending.emit(new ApplyEvent.LeaseRefreshed(id, r.ttlMs, r.refreshIndex));
  }

  private static Response notFound(String op, long id) {
    return Errors.response(Errors.of(ErrorCode.NOT_FOUND, op + ": lease " + id + " not found"));
  }
}
