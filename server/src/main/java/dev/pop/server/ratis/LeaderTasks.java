package dev.pop.server.ratis;

import dev.pop.server.apply.ReplicatedStore;
import dev.pop.server.compact.AutoCompactor;
import dev.pop.server.lease.LeaseExpiryTask;
import dev.pop.server.lease.RatisSelfProposer;

import java.util.function.Supplier;

/**
 * What a member does only while it leads, each proposing internal entries through {@link RatisSelfProposer}:
 * lease expiry ({@link LeaseExpiryTask}) and automatic compaction ({@link AutoCompactor}).
 */
final class LeaderTasks implements AutoCloseable {
  private final LeaseExpiryTask expiry;
  private final AutoCompactor compactor;

  LeaderTasks(Supplier<ReplicatedStore> store, RatisSelfProposer proposer, long compactionRetention) {
    expiry = new LeaseExpiryTask(() -> store.get() == null ? null : store.get().leaseClock(), proposer);
    compactor = new AutoCompactor(store, proposer, compactionRetention);
  }

  /** This member became leader and applied its first entry of the term. */
  void start() {
    expiry.start(System.nanoTime());
    compactor.start();
  }

  void stop() {
    expiry.stop();
    compactor.stop();
  }

  @Override
  public void close() {
    expiry.close();
    compactor.close();
  }
}
