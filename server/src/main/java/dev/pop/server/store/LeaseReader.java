package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.LeaseTimeToLiveRequest;
import dev.pop.proto.LeaseTimeToLiveResponse;
import dev.pop.proto.Response;
import dev.pop.server.apply.Errors;
import dev.pop.server.lease.LeaseClock;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.util.function.BiConsumer;

/** Reads lease state from a {@link StoreView}: existence checks of the appliers, and time_to_live queries. */
final class LeaseReader {
  private LeaseReader() {}

  static boolean exists(StoreView view, long id) throws RocksDBException {
    return id > 0 && view.get(KeySpace.lease(id)) != null;
  }

  /** The lease's record, or null if it does not exist. */
  static LeaseRecord record(StoreView view, long id) throws RocksDBException {
    byte[] bytes = id > 0 ? view.get(KeySpace.lease(id)) : null;
    return bytes == null ? null : LeaseRecord.decode(bytes);
  }

  /** Visits every lease (id and record) in id order. */
  static void forEach(StoreView view, BiConsumer<Long, LeaseRecord> visitor) throws RocksDBException {
    byte[] start = {KeySpace.LEASE};
    try (PendingBatch.Scan scan = view.scan(new byte[] {KeySpace.LEASE + 1})) {
      RocksIterator it = scan.it;
      for (it.seek(start); it.isValid(); it.next()) {
        visitor.accept(KeySpace.leaseOf(it.key()), LeaseRecord.decode(it.value()));
      }
      it.status();
    }
  }

  /** Calls {@code visitor} with each key attached to the lease, in key order. */
  static void forEachKey(StoreView view, long id, java.util.function.Consumer<ByteString> visitor)
      throws RocksDBException {
    byte[] prefix = KeySpace.leasePrefix(KeySpace.ATTACHED, id);
    try (PendingBatch.Scan scan = view.scan(KeySpace.prefixEnd(prefix))) {
      RocksIterator it = scan.it;
      for (it.seek(prefix); it.isValid() && KeySpace.hasPrefix(it.key(), prefix); it.next()) {
        visitor.accept(KeySpace.keyOfAttached(it.key()));
      }
      it.status();
    }
  }

  /** The lease's TTL, this member's estimate of its remaining time, and its keys if asked. */
  static Response timeToLive(StoreView view, LeaseTimeToLiveRequest request, LeaseClock clock)
      throws RocksDBException {
    LeaseRecord r = record(view, request.getId());
    if (r == null) {
      return Errors.response(Errors.of(ErrorCode.NOT_FOUND, "lease_time_to_live: lease " + request.getId() + " not found"));
    }
    LeaseTimeToLiveResponse.Builder out = LeaseTimeToLiveResponse.newBuilder()
        .setId(request.getId())
        .setTtlMs(r.ttlMs)
        .setRefreshIndex(r.refreshIndex)
        .setRemainingMs(clock.remainingMs(request.getId(), System.nanoTime()).orElse(r.ttlMs));
    if (request.getKeys()) {
      forEachKey(view, request.getId(), out::addKeys);
    }
    return Response.newBuilder().setLeaseTimeToLive(out).build();
  }
}
