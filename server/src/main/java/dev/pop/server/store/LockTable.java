package dev.pop.server.store;

import dev.pop.proto.ErrorCode;
import dev.pop.proto.LockRequest;
import dev.pop.proto.LockResponse;
import dev.pop.proto.Response;
import dev.pop.proto.UnlockRequest;
import dev.pop.proto.UnlockResponse;
import dev.pop.server.apply.Errors;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fenced FIFO locks in the {@link PendingBatch} (semantics in pop.proto, "locks"). Per name, one
 * {@link LockRecord} and a queue of waiters ordered by id; per lease, an index of its places
 * ({@link KeySpace#owned}) so that its end releases its locks and drops its waits.
 *
 * <p>Invariant: a free lock has no waiters. Whenever a lock is released, the next waiter whose lease still
 * exists is granted on the spot with a fresh fence, and the dead ones in front of it are dropped.
 */
final class LockTable {
  private final PendingBatch pending;

  LockTable(PendingBatch pending) {
    this.pending = pending;
  }

  Response lock(LockRequest request) throws IOException {
    try {
      String name = request.getName();
      long lease = request.getLease();
      if (!LeaseReader.exists(pending, lease)) {
        return Errors.response(Errors.of(ErrorCode.NOT_FOUND, "lock: lease " + lease + " not found"));
      }
      LockRecord r = LockReader.record(pending, name);
      r = r == null ? new LockRecord() : r;
      byte[] owned = pending.get(KeySpace.owned(lease, name));
      if (owned != null) {
        // this lease already has its place: answer with it, so a retry never queues the lease twice
        long id = KeySpace.getLong(owned, 0);
        return r.holderId == id ? granted(r.fence, id) : queued(id, LockReader.position(pending, name, id));
      }
      if (!r.held()) {
        long id = r.takeId();
        hold(r, id, id, lease);
        pending.put(KeySpace.owned(lease, name), idBytes(id));
        pending.put(KeySpace.lock(name), r.encode());
        return granted(id, id);
      }
      if (request.hasWaitMs() && request.getWaitMs() == 0) {
        return Response.newBuilder().setLock(LockResponse.getDefaultInstance()).build();
      }
      long id = r.takeId();
      r.waiters++;
      pending.put(KeySpace.waiter(name, id), idBytes(lease));
      pending.put(KeySpace.owned(lease, name), idBytes(id));
      pending.put(KeySpace.lock(name), r.encode());
      return queued(id, r.waiters);
    } catch (RocksDBException e) {
      throw new IOException("lock failed in RocksDB: " + e.getMessage(), e);
    }
  }

  Response unlock(UnlockRequest request) throws IOException {
    try {
      String name = request.getName();
      LockRecord r = LockReader.record(pending, name);
      if (r == null) {
        return Errors.response(Errors.of(ErrorCode.NOT_FOUND, "unlock: lock " + name + " not found"));
      }
      long fence = request.getFence();
      long waiterId = request.getWaiterId();
      if (r.held() && (fence != 0 ? r.fence == fence : r.holderId == waiterId)) {
        long next = release(name, r);
        pending.put(KeySpace.lock(name), r.encode());
        return unlocked(next);
      }
      if (fence != 0) {
        return Errors.response(Errors.of(ErrorCode.CONFLICT, r.held()
            ? "unlock: lock " + name + " is held with fence " + r.fence + ", not " + fence
            : "unlock: lock " + name + " is not held; fence " + fence + " is stale"));
      }
      byte[] lease = pending.get(KeySpace.waiter(name, waiterId));
      if (lease == null) {
        return Errors.response(Errors.of(ErrorCode.NOT_FOUND, "unlock: lock " + name + " has no waiter " + waiterId
            + " (its lease ended, it gave up, or its hold already ended)"));
      }
      dropWaiter(name, r, waiterId, KeySpace.getLong(lease, 0));
      pending.put(KeySpace.lock(name), r.encode());
      return unlocked(0);
    } catch (RocksDBException e) {
      throw new IOException("unlock failed in RocksDB: " + e.getMessage(), e);
    }
  }

  /** Releases the locks {@code lease} holds and drops its waits; the lease record is already gone. */
  void leaseEnded(long lease) throws RocksDBException {
    byte[] prefix = KeySpace.leasePrefix(KeySpace.OWNED, lease);
    List<String> names = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    try (PendingBatch.Scan scan = pending.scan(KeySpace.prefixEnd(prefix))) {
      RocksIterator it = scan.it;
      for (it.seek(prefix); it.isValid() && KeySpace.hasPrefix(it.key(), prefix); it.next()) {
        names.add(KeySpace.nameOfOwned(it.key()));
        ids.add(KeySpace.getLong(it.value(), 0));
      }
      it.status();
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      LockRecord r = LockReader.record(pending, name);
      if (r == null) {
        continue;
      }
      if (r.held() && r.holderId == ids.get(i) && r.holderLease == lease) {
        release(name, r);
      } else {
        dropWaiter(name, r, ids.get(i), lease);
      }
      pending.put(KeySpace.lock(name), r.encode());
    }
  }

  /** Frees the lock and grants it to the next live waiter; returns that waiter's fence, 0 if none. Caller saves {@code r}. */
  private long release(String name, LockRecord r) throws RocksDBException {
    pending.delete(KeySpace.owned(r.holderLease, name));
    r.free();
    pending.meta().heldLocks--;
    return grantNext(name, r);
  }

  /** Grants the free lock to the first queued waiter whose lease exists, dropping the dead ones before it. */
  private long grantNext(String name, LockRecord r) throws RocksDBException {
    byte[] prefix = KeySpace.queue(name);
    List<long[]> dead = new ArrayList<>();
    long[] next = null;
    try (PendingBatch.Scan scan = pending.scan(KeySpace.prefixEnd(prefix))) {
      RocksIterator it = scan.it;
      for (it.seek(prefix); it.isValid() && KeySpace.hasPrefix(it.key(), prefix); it.next()) {
        long[] waiter = {KeySpace.idOfWaiter(it.key()), KeySpace.getLong(it.value(), 0)};
        if (LeaseReader.exists(pending, waiter[1])) {
          next = waiter;
          break;
        }
        dead.add(waiter);
      }
      it.status();
    }
    for (long[] waiter : dead) {
      dropWaiter(name, r, waiter[0], waiter[1]);
    }
    if (next == null) {
      return 0;
    }
    pending.delete(KeySpace.waiter(name, next[0]));
    r.waiters--;
    hold(r, next[0], r.takeId(), next[1]);
    pending.emit(new ApplyEvent.WaiterChanged(name, next[0]));
    return r.fence;
  }

  private void hold(LockRecord r, long waiterId, long fence, long lease) {
    r.holderId = waiterId;
    r.fence = fence;
    r.holderLease = lease;
    pending.meta().heldLocks++;
  }

  private void dropWaiter(String name, LockRecord r, long id, long lease) throws RocksDBException {
    pending.delete(KeySpace.waiter(name, id));
    pending.delete(KeySpace.owned(lease, name));
    r.waiters--;
    pending.emit(new ApplyEvent.WaiterChanged(name, id));
  }

  private static byte[] idBytes(long id) {
    byte[] out = new byte[8];
    KeySpace.putLong(out, 0, id);
    return out;
  }

  private static Response granted(long fence, long id) {
    return Response.newBuilder().setLock(LockResponse.newBuilder().setGranted(true).setFence(fence).setWaiterId(id))
        .build();
  }

  private static Response queued(long id, long position) {
    return Response.newBuilder().setLock(LockResponse.newBuilder().setWaiterId(id).setPosition(position)).build();
  }

  private static Response unlocked(long nextFence) {
    return Response.newBuilder().setUnlock(UnlockResponse.newBuilder().setNextFence(nextFence)).build();
  }
}
