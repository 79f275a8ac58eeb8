package dev.pop.server.store;

import dev.pop.proto.ErrorCode;
import dev.pop.proto.LockStatusResponse;
import dev.pop.proto.LockWaitRequest;
import dev.pop.proto.LockWaitResponse;
import dev.pop.proto.Response;
import dev.pop.server.apply.Errors;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/** Reads lock state from a {@link StoreView}: for queries, lock_held compares and the {@link LockTable}. */
final class LockReader {
  private LockReader() {}

  /** The lock's record, or null if the name was never locked. */
  static LockRecord record(StoreView view, String name) throws RocksDBException {
    byte[] bytes = view.get(KeySpace.lock(name));
    return bytes == null ? null : LockRecord.decode(bytes);
  }

  /** True iff the lock has a holder whose fence is exactly {@code fence}. */
  static boolean heldWith(StoreView view, String name, long fence) throws RocksDBException {
    LockRecord r = record(view, name);
    return r != null && r.held() && r.fence == fence;
  }

  /** 1-based place of waiter {@code id} in the queue, 0 if it is not queued. */
  static long position(StoreView view, String name, long id) throws RocksDBException {
    byte[] prefix = KeySpace.queue(name);
    long place = 0;
    try (PendingBatch.Scan scan = view.scan(KeySpace.prefixEnd(prefix))) {
      RocksIterator it = scan.it;
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (!KeySpace.hasPrefix(k, prefix) || k.length != prefix.length + 8) {
          break;
        }
        place++;
        long waiter = KeySpace.idOfWaiter(k);
        if (waiter >= id) {
          return waiter == id ? place : 0;
        }
      }
      it.status();
    }
    return 0;
  }

  static Response status(StoreView view, String name) throws RocksDBException {
    LockRecord r = record(view, name);
    LockStatusResponse.Builder out = LockStatusResponse.newBuilder();
    if (r != null) {
      out.setHeld(r.held()).setFence(r.fence).setLease(r.holderLease).setWaiters(r.waiters);
    }
    return Response.newBuilder().setLockStatus(out).build();
  }

  /** Where waiter {@code waiter_id} stands now: holding (with its fence), queued (with its place) or gone. */
  static Response waitState(StoreView view, LockWaitRequest request) throws RocksDBException {
    String name = request.getName();
    LockRecord r = record(view, name);
    if (r != null && r.held() && r.holderId == request.getWaiterId()) {
      return Response.newBuilder().setLockWait(LockWaitResponse.newBuilder().setGranted(true).setFence(r.fence)).build();
    }
    long place = r == null ? 0 : position(view, name, request.getWaiterId());
    if (place == 0) {
      return Errors.response(Errors.of(ErrorCode.NOT_FOUND, "lock_wait: lock " + name + " has no waiter "
          + request.getWaiterId() + " (its lease ended, it gave up, or its hold already ended)"));
    }
    return Response.newBuilder().setLockWait(LockWaitResponse.newBuilder().setPosition(place)).build();
  }

  /** True for a {@link #waitState} answer that says the waiter is still queued. */
  static boolean stillQueued(Response waitState) {
    return waitState.hasLockWait() && !waitState.getLockWait().getGranted();
  }
}
