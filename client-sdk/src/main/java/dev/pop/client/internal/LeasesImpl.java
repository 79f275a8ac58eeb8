package dev.pop.client.internal;

import com.google.protobuf.ByteString;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.Leases;
import dev.pop.client.lease.Lease;
import dev.pop.client.lease.LeaseKeeper;
import dev.pop.client.lease.LeaseRevoked;
import dev.pop.client.lease.LeaseTimeToLive;
import dev.pop.proto.LeaseGrantRequest;
import dev.pop.proto.LeaseKeepAliveRequest;
import dev.pop.proto.LeaseRevokeRequest;
import dev.pop.proto.LeaseTimeToLiveRequest;
import dev.pop.proto.LeaseTimeToLiveResponse;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** {@link Leases}: grant, keepalive and revoke on the write lane, time-to-live on the read lane; keepers. */
final class LeasesImpl implements Leases, AutoCloseable {
  private final Calls calls;
  private final CoordinationThreads threads;
  private final Set<LeaseKeeperImpl> keepers = ConcurrentHashMap.newKeySet();

  LeasesImpl(Calls calls, CoordinationThreads threads) {
    this.calls = calls;
    this.threads = threads;
  }

  @Override
  public Lease grant(Duration ttl) {
    return Futures.await("lease_grant", grantAsync(ttl), true);
  }

  @Override
  public CompletableFuture<Lease> grantAsync(Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      return CompletableFuture.failedFuture(new InvalidArgumentException(
          "lease_grant: ttl must be positive (at least 1 s), got " + ttl));
    }
    long ms;
    try {
      ms = ttl.toMillis();
    } catch (ArithmeticException e) {
      ms = Long.MAX_VALUE; // the server names the limit
    }
    Request r = Request.newBuilder().setLeaseGrant(LeaseGrantRequest.newBuilder().setTtlMs(ms)).build();
    return calls.write("lease_grant", r, (resp, h) -> lease(resp.getLeaseGrant().getId(),
        resp.getLeaseGrant().getTtlMs(), resp, Response.ResultCase.LEASE_GRANT));
  }

  @Override
  public Lease keepAlive(long id) {
    return Futures.await("lease_keep_alive", keepAliveAsync(id), true);
  }

  @Override
  public CompletableFuture<Lease> keepAliveAsync(long id) {
    return keepAliveAsync(id, System.nanoTime() + calls.config().timeout().toNanos());
  }

  CompletableFuture<Lease> keepAliveAsync(long id, long deadlineNanos) {
    Request r = Request.newBuilder().setLeaseKeepAlive(LeaseKeepAliveRequest.newBuilder().setId(id)).build();
    return calls.submit("lease_keep_alive", r, calls.lanes().writes(), (resp, h) -> lease(
        resp.getLeaseKeepAlive().getId(), resp.getLeaseKeepAlive().getTtlMs(), resp,
        Response.ResultCase.LEASE_KEEP_ALIVE), deadlineNanos, false);
  }

  @Override
  public LeaseRevoked revoke(long id) {
    return Futures.await("lease_revoke", revokeAsync(id), true);
  }

  @Override
  public CompletableFuture<LeaseRevoked> revokeAsync(long id) {
    Request r = Request.newBuilder().setLeaseRevoke(LeaseRevokeRequest.newBuilder().setId(id)).build();
    return calls.write("lease_revoke", r, (resp, h) -> {
      expect(resp, Response.ResultCase.LEASE_REVOKE);
      return new LeaseRevoked(resp.getLeaseRevoke().getDeleted(), resp.getLeaseRevoke().getRevision());
    });
  }

  @Override
  public LeaseTimeToLive timeToLive(long id, boolean keys) {
    Request r = Request.newBuilder().setLeaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setId(id).setKeys(keys))
        .build();
    return Futures.await("lease_time_to_live", calls.read("lease_time_to_live", r, (resp, h) -> {
      expect(resp, Response.ResultCase.LEASE_TIME_TO_LIVE);
      LeaseTimeToLiveResponse t = resp.getLeaseTimeToLive();
      List<byte[]> list = new ArrayList<>(t.getKeysCount());
      for (ByteString k : t.getKeysList()) {
        list.add(k.toByteArray());
      }
      return new LeaseTimeToLive(t.getId(), Duration.ofMillis(t.getTtlMs()), Duration.ofMillis(t.getRemainingMs()),
          list);
    }), false);
  }

  @Override
  public LeaseKeeper keep(long id, LeaseKeeper.Listener listener) {
    requireListener(listener);
    long sent = System.nanoTime();
    Lease lease = keepAlive(id);
    return startKeeper(lease, sent, listener);
  }

  @Override
  public LeaseKeeper grantAndKeep(Duration ttl, LeaseKeeper.Listener listener) {
    requireListener(listener);
    long sent = System.nanoTime();
    Lease lease = grant(ttl);
    return startKeeper(lease, sent, listener);
  }

  private LeaseKeeperImpl startKeeper(Lease lease, long ackedSendNanos, LeaseKeeper.Listener listener) {
    LeaseKeeperImpl[] self = new LeaseKeeperImpl[1];
    LeaseKeeper.Listener unregistering = new LeaseKeeper.Listener() {
      @Override
      public void onLost(dev.pop.client.lease.LeaseLost lost) {
        keepers.remove(self[0]);
        listener.onLost(lost);
      }

      @Override
      public void onKeptAlive(Lease l) {
        listener.onKeptAlive(l);
      }
    };
    LeaseKeeperImpl keeper = new LeaseKeeperImpl(lease.id(), lease.ttl(), ackedSendNanos,
        calls.config().timeout().toNanos(), System::nanoTime, this::keepAliveAsync,
        (task, delay) -> threads.timer().schedule(task, delay, TimeUnit.NANOSECONDS), threads.events(),
        unregistering, id -> {
          revokeAsync(id);
        });
    self[0] = keeper;
    keepers.removeIf(k -> !k.isOpen());
    keepers.add(keeper);
    return keeper.start();
  }

  private static void requireListener(LeaseKeeper.Listener listener) {
    if (listener == null) {
      throw new InvalidArgumentException("lease keeper: listener must not be null");
    }
  }

  private static Lease lease(long id, long ttlMs, Response r, Response.ResultCase expected) {
    expect(r, expected);
    return new Lease(id, Duration.ofMillis(ttlMs));
  }

  private static void expect(Response r, Response.ResultCase expected) {
    if (r.getResultCase() != expected) {
      throw new IllegalStateException("unexpected reply " + r.getResultCase() + " instead of " + expected);
    }
  }

  /** Stops every keeper (without revoking: the leases end at their TTL). */
  @Override
  public void close() {
    for (LeaseKeeperImpl k : new ArrayList<>(keepers)) {
      k.close();
    }
    keepers.clear();
  }
}
