package dev.pop.bench.peers;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * etcd through jetcd: one {@link Client} per connection over all endpoints; locks are etcd's own lock service
 * (the {@code concurrency.Mutex} recipe on the server), each logical client holding a lease of its own.
 */
final class EtcdPeer implements Peer {

  private static final GetOption SERIALIZABLE = GetOption.builder().withSerializable(true).build();

  private final List<Client> clients = new ArrayList<>();
  private final AtomicLongArray leases;
  private final int[] connOf;
  private final ByteSequence[] names;
  private final long leaseTtlSeconds;

  EtcdPeer(List<String> endpoints, int conns, int lockers, Duration leaseTtl) {
    String[] urls = endpoints.stream().map(e -> e.contains("://") ? e : "http://" + e).toArray(String[]::new);
    for (int i = 0; i < conns; i++) {
      clients.add(Client.builder().endpoints(urls).build());
    }
    leases = new AtomicLongArray(lockers);
    connOf = new int[lockers];
    names = new ByteSequence[lockers];
    leaseTtlSeconds = Math.max(1, leaseTtl.toSeconds());
  }

  @Override
  public String name() {
    return "etcd";
  }

  @Override
  public CompletableFuture<?> create(int conn, byte[] key, byte[] value) {
    return put(conn, key, value);
  }

  @Override
  public boolean putNeedsKeys() {
    return false;
  }

  @Override
  public CompletableFuture<?> put(int conn, byte[] key, byte[] value) {
    return clients.get(conn).getKVClient().put(ByteSequence.from(key), ByteSequence.from(value));
  }

  @Override
  public CompletableFuture<?> get(int conn, byte[] key, boolean linearizable) {
    return linearizable
        ? clients.get(conn).getKVClient().get(ByteSequence.from(key))
        : clients.get(conn).getKVClient().get(ByteSequence.from(key), SERIALIZABLE);
  }

  @Override
  public CompletableFuture<?> prepareLocker(int client, int conn, String name) {
    connOf[client] = conn;
    names[client] = ByteSequence.from(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return clients.get(conn).getLeaseClient().grant(leaseTtlSeconds)
        .thenAccept(granted -> leases.set(client, granted.getID()));
  }

  @Override
  public CompletableFuture<?> lockCycle(int client) {
    Client c = clients.get(connOf[client]);
    return c.getLockClient().lock(names[client], leases.get(client))
        .thenCompose(held -> c.getLockClient().unlock(held.getKey()));
  }

  @Override
  public CompletableFuture<?> cleanupLocker(int client) {
    long lease = leases.get(client);
    return lease == 0
        ? CompletableFuture.completedFuture(null)
        : clients.get(connOf[client]).getLeaseClient().revoke(lease);
  }

  @Override
  public void close() {
    clients.forEach(Client::close);
  }
}
