package dev.pop.cli.bench;

import dev.pop.cli.FakeCoordination;
import dev.pop.client.Cluster;
import dev.pop.client.Counters;
import dev.pop.client.Elections;
import dev.pop.client.Kv;
import dev.pop.client.Leases;
import dev.pop.client.Locks;
import dev.pop.client.PopClient;
import dev.pop.client.Txn;

/** A {@link PopClient} whose key-value calls go to a {@link ManualKv} and the rest to a {@link FakeCoordination}. */
final class ManualPopClient implements PopClient {

  final ManualKv kv;
  final FakeCoordination coordination = new FakeCoordination();

  ManualPopClient(ManualKv kv) {
    this.kv = kv;
  }

  @Override
  public Kv kv() {
    return kv;
  }

  @Override
  public Cluster cluster() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Txn txn() {
    return coordination.txn();
  }

  @Override
  public Counters counters() {
    return coordination.counters();
  }

  @Override
  public Leases leases() {
    return coordination.leases();
  }

  @Override
  public Locks locks() {
    return coordination.locks();
  }

  @Override
  public Elections elections() {
    return coordination.elections();
  }

  @Override
  public dev.pop.client.Watches watches() {
    throw new IllegalStateException("bench does not watch");
  }

  @Override
  public dev.pop.client.Logs logs() {
    throw new IllegalStateException("bench does not use log streams");
  }

  @Override
  public dev.pop.client.Sagas sagas() {
    throw new IllegalStateException("bench does not run sagas");
  }

  @Override
  public void close() {}
}
