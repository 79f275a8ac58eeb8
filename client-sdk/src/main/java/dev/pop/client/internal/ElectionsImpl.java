package dev.pop.client.internal;

import dev.pop.client.ConflictException;
import dev.pop.client.Elections;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.Kv;
import dev.pop.client.Txn;
import dev.pop.client.UnavailableException;
import dev.pop.client.election.Leader;
import dev.pop.client.election.Observation;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.lock.LockGrant;
import dev.pop.client.txn.Cmp;
import dev.pop.client.txn.Op;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@link Elections}: the lock {@code election/<name>} and the fenced key {@code election/<name>/leader}. */
final class ElectionsImpl implements Elections {
  private static final int LEADER_READ_ATTEMPTS = 5;

  private final LocksImpl locks;
  private final Kv kv;
  private final Supplier<Txn> txns;
  private final CoordinationThreads threads;

  ElectionsImpl(LocksImpl locks, Kv kv, Supplier<Txn> txns, CoordinationThreads threads) {
    this.locks = locks;
    this.kv = kv;
    this.txns = txns;
    this.threads = threads;
  }

  static String lockName(String name) {
    return "election/" + name;
  }

  static String leaderKey(String name) {
    return "election/" + name + "/leader";
  }

  @Override
  public Leader campaign(String name, long leaseId, String value, Duration wait) {
    if (value == null) {
      throw new InvalidArgumentException("campaign: value must not be null");
    }
    return campaign(name, leaseId, value.getBytes(StandardCharsets.UTF_8), wait);
  }

  @Override
  public Leader campaign(String name, long leaseId, byte[] value, Duration wait) {
    checkName("campaign", name);
    if (value == null) {
      throw new InvalidArgumentException("campaign: value must not be null");
    }
    LockGrant grant = locks.lock(lockName(name), leaseId, wait);
    Leader leader = new Leader(name, value.clone(), grant.fence(), leaseId);
    try {
      publish(leader, "campaign");
    } catch (RuntimeException e) {
      try {
        locks.unlock(grant.name(), grant.fence()); // not leading without a value: let the next candidate in
      } catch (RuntimeException ignored) {
        // stale already, or unreachable: the lease's end releases it
      }
      throw e;
    }
    return leader;
  }

  @Override
  public Leader proclaim(Leader leader, byte[] value) {
    if (leader == null || value == null) {
      throw new InvalidArgumentException("proclaim: leader and value must not be null");
    }
    Leader next = new Leader(leader.name(), value.clone(), leader.fence(), leader.leaseId());
    publish(next, "proclaim");
    return next;
  }

  private void publish(Leader leader, String op) {
    boolean held = txns.get()
        .when(Cmp.lockHeld(lockName(leader.name()), leader.fence()))
        .then(Op.put(leaderKey(leader.name()).getBytes(StandardCharsets.UTF_8), leader.value(), leader.leaseId()))
        .commit().succeeded();
    if (!held) {
      throw new ConflictException(op + " " + leader.name() + ": not the leader any more (fence " + leader.fence()
          + " no longer holds lock " + lockName(leader.name()) + "; its lease ended or it resigned)");
    }
  }

  @Override
  public Optional<Leader> leader(String name) {
    checkName("leader", name);
    return Futures.await("leader", leaderAsync(name, 1), false);
  }

  CompletableFuture<Optional<Leader>> leaderAsync(String name, int attempt) {
    String lock = lockName(name);
    byte[] key = leaderKey(name).getBytes(StandardCharsets.UTF_8);
    return locks.lockStatusAsync(lock).thenCompose(before -> {
      if (!before.held()) {
        return CompletableFuture.completedFuture(Optional.<Leader>empty());
      }
      return kv.getAsync(key, GetOptions.DEFAULT).thenCompose(got -> locks.lockStatusAsync(lock).thenCompose(after -> {
        if (after.fence() != before.fence()) {
          if (attempt >= LEADER_READ_ATTEMPTS) {
            return CompletableFuture.failedFuture(new UnavailableException("leader " + name + ": leadership changed "
                + "during each of " + attempt + " reads; try again"));
          }
          return leaderAsync(name, attempt + 1);
        }
        Optional<KeyValue> kvOpt = got.first();
        if (kvOpt.isEmpty() || kvOpt.get().lease() != before.leaseId()) {
          return CompletableFuture.completedFuture(Optional.<Leader>empty()); // elected, not yet published
        }
        return CompletableFuture.completedFuture(
            Optional.of(new Leader(name, kvOpt.get().value(), before.fence(), before.leaseId())));
      }));
    });
  }

  @Override
  public void resign(Leader leader) {
    if (leader == null) {
      throw new InvalidArgumentException("resign: leader must not be null");
    }
    boolean held = txns.get()
        .when(Cmp.lockHeld(lockName(leader.name()), leader.fence()))
        .then(Op.delete(leaderKey(leader.name())))
        .commit().succeeded();
    if (!held) {
      throw new ConflictException("resign " + leader.name() + ": not the leader any more (fence " + leader.fence()
          + " is stale); nothing changed");
    }
    locks.unlock(lockName(leader.name()), leader.fence());
  }

  @Override
  public Observation observe(String name, Consumer<Optional<Leader>> listener) {
    return observe(name, DEFAULT_OBSERVE_INTERVAL, listener);
  }

  @Override
  public Observation observe(String name, Duration interval, Consumer<Optional<Leader>> listener) {
    checkName("observe", name);
    if (listener == null || interval == null || interval.toMillis() < 10) {
      throw new InvalidArgumentException("observe: needs a listener and an interval of at least 10 ms");
    }
    return new LeaderObserver(() -> leaderAsync(name, 1), interval, threads.timer(), threads.events(), listener)
        .start();
  }

  private static void checkName(String op, String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidArgumentException(op + ": election name must not be " + (name == null ? "null" : "empty"));
    }
  }
}
