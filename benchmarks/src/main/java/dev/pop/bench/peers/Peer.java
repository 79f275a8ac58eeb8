package dev.pop.bench.peers;

import java.util.concurrent.CompletableFuture;

/**
 * One system under comparison (etcd, ZooKeeper), as the load generator drives it: async requests over
 * {@code conns} connections ({@code conn} is 0-based), a lock recipe with per-client state, and cleanup.
 * POP itself is driven by {@code popctl bench}'s own runner over the SDK, not through this interface.
 */
interface Peer extends AutoCloseable {

  /** Short name for the report: {@code etcd}, {@code zookeeper}. */
  String name();

  /** Makes {@code key} exist with {@code value} before the run (etcd: a put; ZooKeeper: a create). */
  CompletableFuture<?> create(int conn, byte[] key, byte[] value);

  /** Whether a put needs its key created first (ZooKeeper's setData does). */
  boolean putNeedsKeys();

  CompletableFuture<?> put(int conn, byte[] key, byte[] value);

  /**
   * A read of {@code key}: {@code linearizable} as close as the system offers (etcd: its default, ReadIndex;
   * ZooKeeper: {@code sync} then {@code getData}, which is not strictly linearizable), else the local replica's
   * state.
   */
  CompletableFuture<?> get(int conn, byte[] key, boolean linearizable);

  /**
   * Before the run: what logical client {@code client} needs to take lock {@code name} over connection
   * {@code conn} (etcd: a lease; ZooKeeper: a mutex object).
   */
  CompletableFuture<?> prepareLocker(int client, int conn, String name);

  /** Acquires the client's lock, waiting as long as it takes, then releases it. */
  CompletableFuture<?> lockCycle(int client);

  /** After the run: releases what {@link #prepareLocker} took. */
  CompletableFuture<?> cleanupLocker(int client);

  @Override
  void close();
}
