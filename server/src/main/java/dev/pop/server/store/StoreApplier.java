package dev.pop.server.store;

import dev.pop.proto.CompactRequest;
import dev.pop.proto.CompactResponse;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.IncrementRequest;
import dev.pop.proto.LeaseExpireRequest;
import dev.pop.proto.LeaseGrantRequest;
import dev.pop.proto.LeaseKeepAliveRequest;
import dev.pop.proto.LeaseRevokeRequest;
import dev.pop.proto.LockRequest;
import dev.pop.proto.LogAppendRequest;
import dev.pop.proto.LogTrimRequest;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Response;
import dev.pop.proto.TxnRequest;
import dev.pop.proto.UnlockRequest;
import dev.pop.server.apply.Applier;
import dev.pop.server.apply.Errors;
import org.rocksdb.RocksDBException;

import java.io.IOException;

/** The backend of the applier chain: routes each write to the part of the store that owns it. */
final class StoreApplier implements Applier {
  private final KvApplier kv;
  private final CounterApplier counters;
  private final TxnApplier txns;
  private final LeaseApplier leases;
  private final LockTable locks;
  private final LogStreams streams;
  private final PendingBatch pending;

  StoreApplier(PendingBatch pending) {
    this.pending = pending;
    streams = new LogStreams(pending);
    kv = new KvApplier(pending);
    counters = new CounterApplier(pending, kv);
    txns = new TxnApplier(pending, kv, counters);
    locks = new LockTable(pending);
    leases = new LeaseApplier(pending, kv, locks);
  }

  @Override
  public Response put(PutRequest put) throws IOException {
    return kv.put(put);
  }

  @Override
  public Response deleteRange(DeleteRangeRequest delete) throws IOException {
    return kv.deleteRange(delete);
  }

  @Override
  public Response txn(TxnRequest txn) throws IOException {
    return txns.txn(txn);
  }

  @Override
  public Response increment(IncrementRequest increment) throws IOException {
    return counters.increment(increment);
  }

  @Override
  public Response leaseGrant(LeaseGrantRequest grant) throws IOException {
    return leases.grant(grant);
  }

  @Override
  public Response leaseKeepAlive(LeaseKeepAliveRequest keepAlive) throws IOException {
    return leases.keepAlive(keepAlive);
  }

  @Override
  public Response leaseRevoke(LeaseRevokeRequest revoke) throws IOException {
    return leases.revoke(revoke);
  }

  @Override
  public Response leaseExpire(LeaseExpireRequest expire) throws IOException {
    return leases.expire(expire);
  }

  @Override
  public Response lock(LockRequest lock) throws IOException {
    return locks.lock(lock);
  }

  @Override
  public Response unlock(UnlockRequest unlock) throws IOException {
    return locks.unlock(unlock);
  }

  @Override
  public Response compact(CompactRequest compact) throws IOException {
    Meta meta = pending.meta();
    long revision = compact.getRevision();
    if (revision > meta.revision) {
      return Errors.response(Errors.futureRevision(revision, meta.revision));
    }
    if (revision <= meta.compactRevision) {
      return Errors.response(Errors.compacted(revision, meta.compactRevision));
    }
    try {
      Compactor.compact(pending, revision);
    } catch (RocksDBException e) {
      throw new IOException("compaction at " + revision + " failed in RocksDB: " + e.getMessage(), e);
    }
    return Response.newBuilder().setCompact(CompactResponse.newBuilder().setCompactRevision(revision)).build();
  }

  @Override
  public Response logAppend(LogAppendRequest append) throws IOException {
    return streams.append(append);
  }

  @Override
  public Response logTrim(LogTrimRequest trim) throws IOException {
    return streams.trim(trim);
  }
}
