package dev.pop.client.internal;

import dev.pop.client.Cluster;
import dev.pop.client.ClusterStatus;
import dev.pop.client.Kv;
import dev.pop.client.PopClient;
import java.util.concurrent.atomic.AtomicBoolean;

/** The SDK's client: lanes over a {@link PopTransport}, and the cluster status collector. */
public final class PopClientImpl implements PopClient {
  private final SdkExecutors executors;
  private final PopTransport transport;
  private final Lanes lanes;
  private final Kv kv;
  private final Cluster cluster;
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
    this.cluster = new ClusterImpl(status);
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
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    lanes.close();
    transport.close();
    executors.close();
  }

  /** {@link Cluster} over the status collector. */
  private record ClusterImpl(ClusterStatusCollector collector) implements Cluster {
    @Override
    public ClusterStatus status() {
      return collector.collect();
    }
  }
}
