package dev.pop.cli;

import dev.pop.client.Counters;
import dev.pop.client.Elections;
import dev.pop.client.Leases;
import dev.pop.client.LockNotAcquiredException;
import dev.pop.client.Locks;
import dev.pop.client.Txn;
import dev.pop.client.counter.Bounds;
import dev.pop.client.counter.IncrementResult;
import dev.pop.client.election.Leader;
import dev.pop.client.election.Observation;
import dev.pop.client.lease.Lease;
import dev.pop.client.lease.LeaseKeeper;
import dev.pop.client.lease.LeaseRevoked;
import dev.pop.client.lease.LeaseTimeToLive;
import dev.pop.client.lock.LockGrant;
import dev.pop.client.lock.LockStatus;
import dev.pop.client.txn.Cmp;
import dev.pop.client.txn.Op;
import dev.pop.client.txn.TxnResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Fakes of the coordination features for CLI tests: canned results, a record of calls ({@link #calls}, one line
 * each), and scripted failures. The blocking calls answer in the caller's thread, the async ones in the common
 * pool (as {@link FakeKv}'s do), so that {@code popctl bench}'s clients interleave. One instance backs {@code txn()}, {@code counters()}, {@code leases()},
 * {@code locks()} and {@code elections()} of {@link FakePopClient}.
 */
public final class FakeCoordination {
  public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  public final List<Cmp> compares = Collections.synchronizedList(new ArrayList<>());
  public final List<Op> success = Collections.synchronizedList(new ArrayList<>());
  public final List<Op> failure = Collections.synchronizedList(new ArrayList<>());
  public volatile TxnResult txnResult = new TxnResult(true, 9, List.of(), Fixtures.header(9));
  /** When set, commit fails with it. */
  public volatile RuntimeException txnFailure;
  public long nextLeaseId = 7587;
  /** When set, grant fails with it. */
  public volatile RuntimeException leaseFailure;
  /** grantAsync gives {@link #nextLeaseId}, then the next ids ({@code popctl bench} grants one per client). */
  private final AtomicLong asyncGrants = new AtomicLong();
  public long nextFence = 42;
  /** When set, lock and campaign fail with it. */
  public volatile RuntimeException lockFailure;
  /** The listener of the last keeper started, to fire onLost from a test. */
  public volatile LeaseKeeper.Listener keeperListener;
  public volatile boolean keeperClosed;

  public Txn txn() {
    return new Txn() {
      @Override
      public Txn when(Cmp... c) {
        compares.addAll(List.of(c));
        return this;
      }

      @Override
      public Txn then(Op... ops) {
        success.addAll(List.of(ops));
        return this;
      }

      @Override
      public Txn otherwise(Op... ops) {
        failure.addAll(List.of(ops));
        return this;
      }

      @Override
      public TxnResult commit() {
        calls.add("txn");
        if (txnFailure != null) {
          throw txnFailure;
        }
        return txnResult;
      }

      @Override
      public CompletableFuture<TxnResult> commitAsync() {
        return CompletableFuture.supplyAsync(this::commit);
      }
    };
  }

  public Counters counters() {
    return new Counters() {
      @Override
      public long increment(String key, long delta) {
        return increment(key, delta, Bounds.NONE);
      }

      @Override
      public long increment(String key, long delta, Bounds bounds) {
        return increment(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), delta, bounds).value();
      }

      @Override
      public IncrementResult increment(byte[] key, long delta, Bounds bounds) {
        calls.add("increment " + new String(key, java.nio.charset.StandardCharsets.UTF_8) + " " + delta + " "
            + bounds.min() + " " + bounds.max());
        return new IncrementResult(10 + delta, 11, Fixtures.header(11));
      }

      @Override
      public CompletableFuture<IncrementResult> incrementAsync(byte[] key, long delta, Bounds bounds) {
        return CompletableFuture.completedFuture(increment(key, delta, bounds));
      }
    };
  }

  public Leases leases() {
    return new Leases() {
      @Override
      public Lease grant(Duration ttl) {
        calls.add("grant " + ttl.toMillis());
        if (leaseFailure != null) {
          throw leaseFailure;
        }
        return new Lease(nextLeaseId, ttl);
      }

      @Override
      public CompletableFuture<Lease> grantAsync(Duration ttl) {
        return CompletableFuture.supplyAsync(() -> new Lease(grant(ttl).id() + asyncGrants.getAndIncrement(), ttl));
      }

      @Override
      public Lease keepAlive(long id) {
        calls.add("keepalive " + id);
        return new Lease(id, Duration.ofSeconds(3));
      }

      @Override
      public CompletableFuture<Lease> keepAliveAsync(long id) {
        return CompletableFuture.supplyAsync(() -> keepAlive(id));
      }

      @Override
      public LeaseRevoked revoke(long id) {
        calls.add("revoke " + id);
        return new LeaseRevoked(2, 13);
      }

      @Override
      public CompletableFuture<LeaseRevoked> revokeAsync(long id) {
        return CompletableFuture.supplyAsync(() -> revoke(id));
      }

      @Override
      public LeaseTimeToLive timeToLive(long id, boolean keys) {
        calls.add("ttl " + id + " " + keys);
        return new LeaseTimeToLive(id, Duration.ofSeconds(3), Duration.ofMillis(2100),
            keys ? List.of("a".getBytes(), "b".getBytes()) : List.of());
      }

      @Override
      public LeaseKeeper keep(long id, LeaseKeeper.Listener listener) {
        calls.add("keep " + id);
        return keeper(id, listener);
      }

      @Override
      public LeaseKeeper grantAndKeep(Duration ttl, LeaseKeeper.Listener listener) {
        calls.add("grantAndKeep " + ttl.toMillis());
        return keeper(nextLeaseId, listener);
      }
    };
  }

  private LeaseKeeper keeper(long id, LeaseKeeper.Listener listener) {
    keeperListener = listener;
    keeperClosed = false;
    return new LeaseKeeper() {
      @Override
      public long leaseId() {
        return id;
      }

      @Override
      public Duration ttl() {
        return Duration.ofSeconds(3);
      }

      @Override
      public boolean isAlive() {
        return !keeperClosed;
      }

      @Override
      public Duration remaining() {
        return Duration.ofSeconds(3);
      }

      @Override
      public void close() {
        close(false);
      }

      @Override
      public void close(boolean revoke) {
        keeperClosed = true;
        calls.add("keeper closed" + (revoke ? " revoke" : ""));
      }
    };
  }

  public Locks locks() {
    return new Locks() {
      @Override
      public LockGrant lock(String name, long leaseId, Duration wait) {
        calls.add("lock " + name + " " + leaseId + " " + (wait.equals(WAIT_FOREVER) ? "forever" : wait.toMillis()));
        if (lockFailure != null) {
          throw lockFailure;
        }
        return new LockGrant(name, nextFence, leaseId);
      }

      @Override
      public CompletableFuture<LockGrant> lockAsync(String name, long leaseId, Duration wait) {
        return CompletableFuture.supplyAsync(() -> lock(name, leaseId, wait));
      }

      @Override
      public Optional<LockGrant> tryLock(String name, long leaseId) {
        try {
          return Optional.of(lock(name, leaseId, Duration.ZERO));
        } catch (LockNotAcquiredException e) {
          return Optional.empty();
        }
      }

      @Override
      public void unlock(String name, long fence) {
        calls.add("unlock " + name + " " + fence);
      }

      @Override
      public CompletableFuture<Void> unlockAsync(String name, long fence) {
        return CompletableFuture.runAsync(() -> unlock(name, fence));
      }

      @Override
      public LockStatus lockStatus(String name) {
        return new LockStatus(name, false, 0, 0, 0);
      }

      @Override
      public <T> T withLock(String name, Duration ttl, Duration wait, Function<LockGrant, T> body) {
        return body.apply(lock(name, nextLeaseId, wait));
      }
    };
  }

  public Elections elections() {
    return new Elections() {
      @Override
      public Leader campaign(String name, long leaseId, byte[] value, Duration wait) {
        calls.add("campaign " + name + " " + new String(value, java.nio.charset.StandardCharsets.UTF_8));
        if (lockFailure != null) {
          throw lockFailure;
        }
        return new Leader(name, value, nextFence, leaseId);
      }

      @Override
      public Leader campaign(String name, long leaseId, String value, Duration wait) {
        return campaign(name, leaseId, value.getBytes(java.nio.charset.StandardCharsets.UTF_8), wait);
      }

      @Override
      public Leader proclaim(Leader leader, byte[] value) {
        return leader;
      }

      @Override
      public Optional<Leader> leader(String name) {
        return Optional.empty();
      }

      @Override
      public void resign(Leader leader) {
        calls.add("resign " + leader.name() + " " + leader.fence());
      }

      @Override
      public Observation observe(String name, Consumer<Optional<Leader>> listener) {
        return () -> { };
      }

      @Override
      public Observation observe(String name, Duration interval, Consumer<Optional<Leader>> listener) {
        return () -> { };
      }
    };
  }
}
