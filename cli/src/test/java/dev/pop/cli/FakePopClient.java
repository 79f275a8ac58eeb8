package dev.pop.cli;

import dev.pop.client.Cluster;
import dev.pop.client.ClusterStatus;
import dev.pop.client.Kv;
import dev.pop.client.PopClient;

/** A {@link PopClient} over {@link FakeKv} and a canned cluster status. */
public final class FakePopClient implements PopClient {

  public final FakeKv kv = new FakeKv();
  public final FakeCoordination coordination = new FakeCoordination();
  public final FakeStreams streams = new FakeStreams();
  public ClusterStatus status = Fixtures.threeMemberStatus();
  public RuntimeException statusFailure;
  public boolean closed;

  @Override
  public Kv kv() {
    return kv;
  }

  @Override
  public Cluster cluster() {
    return () -> {
      if (statusFailure != null) {
        throw statusFailure;
      }
      return status;
    };
  }

  @Override
  public dev.pop.client.Txn txn() {
    return coordination.txn();
  }

  @Override
  public dev.pop.client.Counters counters() {
    return coordination.counters();
  }

  @Override
  public dev.pop.client.Leases leases() {
    return coordination.leases();
  }

  @Override
  public dev.pop.client.Locks locks() {
    return coordination.locks();
  }

  @Override
  public dev.pop.client.Elections elections() {
    return coordination.elections();
  }

  @Override
  public dev.pop.client.Watches watches() {
    return streams;
  }

  @Override
  public dev.pop.client.Logs logs() {
    return streams;
  }

  @Override
  public dev.pop.client.Sagas sagas() {
    return new dev.pop.client.Sagas() {
      @Override
      public dev.pop.client.saga.SagaState run(dev.pop.client.saga.SagaDefinition definition, String sagaId,
          byte[] input, java.time.Duration lockWait) {
        throw new IllegalStateException("popctl never runs sagas");
      }

      @Override
      public dev.pop.client.saga.SagaState state(String sagaId) {
        return dev.pop.client.saga.SagaReader.state(streams, sagaId);
      }

      @Override
      public java.util.List<dev.pop.client.saga.SagaState> list() {
        return dev.pop.client.saga.SagaReader.list(streams);
      }
    };
  }

  @Override
  public void close() {
    closed = true;
  }
}
