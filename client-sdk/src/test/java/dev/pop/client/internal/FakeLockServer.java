package dev.pop.client.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.pop.proto.Command;
import dev.pop.proto.CommandResult;
import dev.pop.proto.Error;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.LeaseGrantResponse;
import dev.pop.proto.LeaseRevokeResponse;
import dev.pop.proto.LockRequest;
import dev.pop.proto.LockResponse;
import dev.pop.proto.LockStatusResponse;
import dev.pop.proto.LockWaitRequest;
import dev.pop.proto.LockWaitResponse;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.ResponseHeader;
import dev.pop.proto.UnlockRequest;
import dev.pop.proto.UnlockResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PopTransport} for SDK tests of locks: leases (grant, revoke) and the server's lock semantics of pop.proto
 * (FIFO queue per name, a lease has one place per name, fences from one per-name counter, lock waits parked until
 * the waiter is granted or wait_ms passes, NOT_FOUND for a gone waiter). One member, no failures, no exactly-once.
 */
final class FakeLockServer implements PopTransport {
  /** One lock: holder and FIFO queue (waiter id → lease). */
  private static final class LockState {
    long nextId = 1;
    long holderId;
    long holderLease;
    long fence;
    final LinkedHashMap<Long, Long> queue = new LinkedHashMap<>();
  }

  private record Parked(String name, long waiterId, CompletableFuture<ByteBuffer> reply) {
  }

  final List<Request> received = new CopyOnWriteArrayList<>();
  final List<RequestKind> kinds = new CopyOnWriteArrayList<>();
  private final Map<String, LockState> locks = new HashMap<>();
  private final Set<Long> leases = new HashSet<>();
  private final List<Parked> parked = new ArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private long nextLease = 100;

  @Override
  public synchronized CompletableFuture<ByteBuffer> send(RequestKind kind, String member, byte[] payload,
      AttemptHistory history) {
    history.sending("n1 (127.0.0.1:7701)");
    try {
      if (kind.isWrite()) {
        Command c = Command.parseFrom(payload);
        CommandResult.Builder out = CommandResult.newBuilder().setHeader(ResponseHeader.getDefaultInstance());
        for (Request r : c.getRequestsList()) {
          received.add(r);
          kinds.add(kind);
          out.addResponses(write(r));
        }
        return CompletableFuture.completedFuture(ByteBuffer.wrap(out.build().toByteArray()));
      }
      Query q = Query.parseFrom(payload);
      q.getRequestsList().forEach(r -> {
        received.add(r);
        kinds.add(kind);
      });
      if (q.getRequestsCount() == 1 && q.getRequests(0).hasLockWait()) {
        return lockWait(q.getRequests(0).getLockWait());
      }
      QueryResult.Builder out = QueryResult.newBuilder().setHeader(ResponseHeader.getDefaultInstance());
      for (Request r : q.getRequestsList()) {
        out.addResponses(read(r));
      }
      return CompletableFuture.completedFuture(ByteBuffer.wrap(out.build().toByteArray()));
    } catch (InvalidProtocolBufferException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Response write(Request r) {
    switch (r.getOpCase()) {
      case LEASE_GRANT -> {
        long id = nextLease++;
        leases.add(id);
        return Response.newBuilder().setLeaseGrant(LeaseGrantResponse.newBuilder().setId(id)
            .setTtlMs(r.getLeaseGrant().getTtlMs())).build();
      }
      case LEASE_REVOKE -> {
        long id = r.getLeaseRevoke().getId();
        if (!leases.remove(id)) {
          return error(ErrorCode.NOT_FOUND, "lease_revoke: lease " + id + " not found");
        }
        for (Map.Entry<String, LockState> e : locks.entrySet()) {
          LockState s = e.getValue();
          s.queue.values().removeIf(l -> l == id);
          if (s.holderLease == id) {
            release(e.getKey(), s);
          }
        }
        answerParked();
        return Response.newBuilder().setLeaseRevoke(LeaseRevokeResponse.getDefaultInstance()).build();
      }
      case LOCK -> {
        return lock(r.getLock());
      }
      case UNLOCK -> {
        return unlock(r.getUnlock());
      }
      default -> {
        return error(ErrorCode.INVALID_ARGUMENT, r.getOpCase() + ": not supported by the fake");
      }
    }
  }

  private Response lock(LockRequest r) {
    if (!leases.contains(r.getLease())) {
      return error(ErrorCode.NOT_FOUND, "lock: lease " + r.getLease() + " not found");
    }
    LockState s = locks.computeIfAbsent(r.getName(), k -> new LockState());
    if (s.holderId != 0 && s.holderLease == r.getLease()) {
      return Response.newBuilder().setLock(LockResponse.newBuilder().setGranted(true).setFence(s.fence)
          .setWaiterId(s.holderId)).build();
    }
    for (Map.Entry<Long, Long> w : s.queue.entrySet()) {
      if (w.getValue() == r.getLease()) {
        return Response.newBuilder().setLock(LockResponse.newBuilder().setWaiterId(w.getKey())
            .setPosition(position(s, w.getKey()))).build();
      }
    }
    if (s.holderId == 0) {
      long id = s.nextId++;
      s.holderId = id;
      s.fence = id;
      s.holderLease = r.getLease();
      return Response.newBuilder().setLock(LockResponse.newBuilder().setGranted(true).setFence(id).setWaiterId(id))
          .build();
    }
    if (r.hasWaitMs() && r.getWaitMs() == 0) {
      return Response.newBuilder().setLock(LockResponse.getDefaultInstance()).build();
    }
    long id = s.nextId++;
    s.queue.put(id, r.getLease());
    return Response.newBuilder().setLock(LockResponse.newBuilder().setWaiterId(id).setPosition(s.queue.size()))
        .build();
  }

  private Response unlock(UnlockRequest r) {
    LockState s = locks.get(r.getName());
    if (s == null) {
      return error(ErrorCode.NOT_FOUND, "unlock: lock " + r.getName() + " not found");
    }
    if (s.holderId != 0 && (r.getFence() != 0 ? s.fence == r.getFence() : s.holderId == r.getWaiterId())) {
      release(r.getName(), s);
      answerParked();
      return Response.newBuilder().setUnlock(UnlockResponse.newBuilder().setNextFence(s.fence)).build();
    }
    if (r.getFence() != 0) {
      return error(ErrorCode.CONFLICT, "unlock: fence " + r.getFence() + " is stale");
    }
    if (s.queue.remove(r.getWaiterId()) == null) {
      return error(ErrorCode.NOT_FOUND, "unlock: no waiter " + r.getWaiterId());
    }
    answerParked();
    return Response.newBuilder().setUnlock(UnlockResponse.getDefaultInstance()).build();
  }

  private void release(String name, LockState s) {
    s.holderId = 0;
    s.holderLease = 0;
    s.fence = 0;
    while (!s.queue.isEmpty()) {
      Map.Entry<Long, Long> next = s.queue.entrySet().iterator().next();
      s.queue.remove(next.getKey());
      if (leases.contains(next.getValue())) {
        s.holderId = next.getKey();
        s.holderLease = next.getValue();
        s.fence = s.nextId++;
        return;
      }
    }
  }

  private CompletableFuture<ByteBuffer> lockWait(LockWaitRequest w) {
    CompletableFuture<ByteBuffer> reply = new CompletableFuture<>();
    Response now = waitState(w.getName(), w.getWaiterId(), false);
    if (now != null) {
      reply.complete(query(now));
      return reply;
    }
    Parked p = new Parked(w.getName(), w.getWaiterId(), reply);
    parked.add(p);
    timer.schedule(() -> {
      synchronized (this) {
        if (parked.remove(p)) {
          p.reply().complete(query(waitState(p.name(), p.waiterId(), true)));
        }
      }
    }, w.getWaitMs(), TimeUnit.MILLISECONDS);
    return reply;
  }

  /** The answer to a lock wait now, or null to keep it parked (unless {@code timedOut}). */
  private Response waitState(String name, long waiterId, boolean timedOut) {
    LockState s = locks.get(name);
    if (s != null && s.holderId == waiterId) {
      return Response.newBuilder().setLockWait(LockWaitResponse.newBuilder().setGranted(true).setFence(s.fence))
          .build();
    }
    if (s == null || !s.queue.containsKey(waiterId)) {
      return error(ErrorCode.NOT_FOUND, "lock_wait: lock " + name + " has no waiter " + waiterId);
    }
    return timedOut ? Response.newBuilder().setLockWait(LockWaitResponse.newBuilder()
        .setPosition(position(s, waiterId))).build() : null;
  }

  private void answerParked() {
    for (Parked p : new ArrayList<>(parked)) {
      Response r = waitState(p.name(), p.waiterId(), false);
      if (r != null) {
        parked.remove(p);
        p.reply().complete(query(r));
      }
    }
  }

  private Response read(Request r) {
    if (r.hasLockStatus()) {
      LockState s = locks.get(r.getLockStatus().getName());
      LockStatusResponse.Builder b = LockStatusResponse.newBuilder();
      if (s != null && s.holderId != 0) {
        b.setHeld(true).setFence(s.fence).setLease(s.holderLease).setWaiters(s.queue.size());
      }
      return Response.newBuilder().setLockStatus(b).build();
    }
    return error(ErrorCode.INVALID_ARGUMENT, r.getOpCase() + ": not supported by the fake");
  }

  private static long position(LockState s, long waiterId) {
    long pos = 0;
    for (long id : s.queue.keySet()) {
      pos++;
      if (id == waiterId) {
        return pos;
      }
    }
    return 0;
  }

  synchronized int waiters(String name) {
    LockState s = locks.get(name);
    return s == null ? 0 : s.queue.size();
  }

  synchronized int parkedWaits() {
    return parked.size();
  }

  private static ByteBuffer query(Response r) {
    return ByteBuffer.wrap(QueryResult.newBuilder().setHeader(ResponseHeader.getDefaultInstance()).addResponses(r)
        .build().toByteArray());
  }

  private static Response error(ErrorCode code, String message) {
    return Response.newBuilder().setError(Error.newBuilder().setCode(code).setMessage(message)).build();
  }

  @Override
  public int clusterSize() {
    return 1;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
