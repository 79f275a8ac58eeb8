package dev.pop.client;

import dev.pop.client.election.Leader;
import dev.pop.client.election.Observation;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Leader election on top of {@link Locks} (etcd's {@code concurrency.Election} recipe): campaigning is waiting for
 * lock {@code election/<name>}; the winner then publishes its value at key {@code election/<name>/leader} with a txn
 * fenced by {@code lockHeld}, attached to its lease, so the value goes away with the leader. Candidates are served
 * FIFO. Keep the lease alive with a {@link dev.pop.client.lease.LeaseKeeper}: when it is lost, so is leadership.
 *
 * <p>Failures as in {@link Locks}.
 */
public interface Elections {
  /** How often {@link #observe(String, Consumer)} reads the leader. */
  Duration DEFAULT_OBSERVE_INTERVAL = Duration.ofMillis(250);

  /**
   * Waits at most {@code wait} to become leader of {@code name} under lease {@code leaseId}, then publishes
   * {@code value}.
   *
   * @throws LockNotAcquiredException if not elected in time
   * @throws ConflictException if leadership was lost before the value could be published (the lease ended)
   */
  Leader campaign(String name, long leaseId, byte[] value, Duration wait);

  /** UTF-8 twin of {@link #campaign(String, long, byte[], Duration)}. */
  Leader campaign(String name, long leaseId, String value, Duration wait);

  /**
   * Publishes a new value while still leader.
   *
   * @throws ConflictException if {@code leader} is no longer the leader
   */
  Leader proclaim(Leader leader, byte[] value);

  /**
   * The current leader with its published value; empty if there is none or it has not published yet. Built from
   * three linearizable reads (lock status, the leader key, lock status again) and retried until both statuses show
   * the same fence, so the value returned was published by the holder of that fence while it held the lock.
   */
  Optional<Leader> leader(String name);

  /**
   * Steps down: deletes the published value (fenced by {@code lockHeld}) and releases the lock; the next candidate
   * is elected.
   *
   * @throws ConflictException if {@code leader} was no longer the leader (nothing changed)
   */
  void resign(Leader leader);

  /**
   * Calls {@code listener} with the current leader (or empty) at once and then on every change of leader or value,
   * on the SDK's lease-event thread (do not block in it). POP has no watches yet, so this is a loop of
   * {@link #leader} reads every {@link #DEFAULT_OBSERVE_INTERVAL}: a change is seen within about that interval, and
   * changes that come and go in between are not reported. Read failures are skipped (the next read tries again).
   */
  Observation observe(String name, Consumer<Optional<Leader>> listener);

  /** {@link #observe(String, Consumer)} with another read interval (at least 10 ms). */
  Observation observe(String name, Duration interval, Consumer<Optional<Leader>> listener);
}
