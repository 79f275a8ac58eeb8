package dev.pop.client.internal;

import dev.pop.client.Cluster;
import dev.pop.client.ClusterStatus;
import dev.pop.client.Counters;
import dev.pop.client.Elections;
import dev.pop.client.Kv;
import dev.pop.client.Leases;
import dev.pop.client.Locks;
import dev.pop.client.Txn;
import dev.pop.client.Logs;
import dev.pop.client.PopClient;
import dev.pop.client.Sagas;
import dev.pop.client.Watches;
import java.util.concurrent.atomic.AtomicBoolean;

/** The SDK's client: lanes over a {@link PopTransport}, and the cluster status collector. */
public final class PopClientImpl implements PopClient {
  private final SdkExecutors executors;
  private final PopTransport transport;
  private final Lanes lanes;
  private final Kv kv;
  private final Cluster cluster;
  private final Calls calls;
  private final CoordinationThreads threads = new CoordinationThreads();
  private final Counters counters;
  private final LeasesImpl leases;
  private final LocksImpl locks;
  private final Elections elections;
  private final WatchHub watchHub;
  private final Watches watches;
  private final Logs logs;
  private final Sagas sagas;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A client over Ratis. */
  public PopClientImpl(ClientConfig config) {
    this.executors = new SdkExecutors();
    RatisTransport ratis = new RatisTransport(config, executors);
    ClusterStatusCollector status = new ClusterStatusCollector(ratis.directory(), ratis.clients(),
        config.probeTimeout(), executors.blocking(), config.endpoints());
    this.transport = ratis;
    this.lanes = new Lanes(transport, config, executors, new WriteSession());
    this.kv = new KvImpl(lanes, config);
    this.cluster = new ClusterImpl(status, new MembershipAdmin(ratis.directory(), ratis.clients(), config));
    this.calls = new Calls(lanes, config);
    this.counters = new CountersImpl(calls);
    this.leases = new LeasesImpl(calls, threads);
    this.locks = new LocksImpl(calls, leases);
    this.elections = new ElectionsImpl(locks, kv, this::txn, threads);
    this.watchHub = new WatchHub(transport, config);
    this.watches = new WatchesImpl(watchHub, calls, executors.callbacks());
    this.logs = new LogsImpl(calls);
    this.sagas = new SagasImpl(logs, locks, leases);
  }

  /** A client over any transport (tests). Cluster status is not available. */
  PopClientImpl(ClientConfig config, PopTransport transport, SdkExecutors executors) {
    this.executors = executors;
    this.transport = transport;
    this.lanes = new Lanes(transport, config, executors, new WriteSession());
    this.kv = new KvImpl(lanes, config);
    this.cluster = () -> {
      throw new UnsupportedOperationException("cluster status needs the Ratis transport");
    };
    this.calls = new Calls(lanes, config);
    this.counters = new CountersImpl(calls);
    this.leases = new LeasesImpl(calls, threads);
    this.locks = new LocksImpl(calls, leases);
    this.elections = new ElectionsImpl(locks, kv, this::txn, threads);
    this.watchHub = new WatchHub(transport, config);
    this.watches = new WatchesImpl(watchHub, calls, executors.callbacks());
    this.logs = new LogsImpl(calls);
    this.sagas = new SagasImpl(logs, locks, leases);
  }

  @Override
  public Kv kv() {
    return kv;
  }

  @Override
  public Cluster cluster() {
    return cluster;
  }

  @Override
  public Txn txn() {
    return new TxnImpl(calls);
  }

  @Override
  public Counters counters() {
    return counters;
  }

  @Override
  public Leases leases() {
    return leases;
  }

  @Override
  public Locks locks() {
    return locks;
  }

  @Override
  public Elections elections() {
    return elections;
  }

  @Override
  public Watches watches() {
    return watches;
  }

  @Override
  public Logs logs() {
    return logs;
  }

  @Override
  public Sagas sagas() {
    return sagas;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    watchHub.close();
    leases.close();
    threads.close();
    lanes.close();
    transport.close();
    executors.close();
  }

  /** {@link Cluster} over the status collector and the membership admin. */
  private record ClusterImpl(ClusterStatusCollector collector, MembershipAdmin admin) implements Cluster {
    @Override
    public ClusterStatus status() {
      return collector.collect();
    }

    @Override
    public java.util.List<dev.pop.client.cluster.ClusterMember> members() {
      return admin.members();
    }

    @Override
    public void addMember(String id, String raftAddress, String httpAddress) {
      admin.add(id, raftAddress, httpAddress);
    }

    @Override
    public void removeMember(String id) {
      admin.remove(id);
    }

    @Override
    public void transferLeader(String id) {
      admin.transferLeader(id);
    }
  }
}
