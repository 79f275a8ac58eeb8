package dev.pop.server.compact;

import dev.pop.proto.Command;
import dev.pop.proto.CompactRequest;
import dev.pop.proto.Request;
import dev.pop.server.apply.ReplicatedStore;
import dev.pop.server.lease.LeaseExpiryTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the last {@code retention} revisions of history, like etcd's revision compactor: while this member leads,
 * once the history holds {@code retention + step} revisions it proposes {@code compact(revision - retention)}
 * through the log (an internal entry), so every member compacts at the same point. Compacting in steps of about
 * 1% of the retention keeps each compaction entry small. Only the leader's setting counts.
 */
public final class AutoCompactor implements AutoCloseable {
  public static final long PERIOD_MS = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(AutoCompactor.class);

  /** The open store, or null. */
  private final java.util.function.Supplier<ReplicatedStore> history;
  private final LeaseExpiryTask.Proposer proposer;
  private final long retention;
  private final long step;
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private final ScheduledThreadPoolExecutor executor;
  private ScheduledFuture<?> ticking;

  /** @param retention revisions to keep; 0 turns auto-compaction off */
  public AutoCompactor(java.util.function.Supplier<ReplicatedStore> history, LeaseExpiryTask.Proposer proposer,
      long retention) {
    if (retention < 0) {
      throw new IllegalArgumentException("compaction retention is " + retention + ", must be >= 0 (0: off)");
    }
    this.history = history;
    this.proposer = proposer;
    this.retention = retention;
    this.step = Math.max(1, retention / 100);
    executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "pop-auto-compactor");
      t.setDaemon(true);
      return t;
    });
  }

  public synchronized void start() {
    if (retention > 0 && ticking == null && !executor.isShutdown()) {
      ticking = executor.scheduleWithFixedDelay(this::tickSafely, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }
  }

  public synchronized void stop() {
    if (ticking != null) {
      ticking.cancel(false);
      ticking = null;
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("auto-compaction round failed; trying again in {} ms", PERIOD_MS, e);
    }
  }

  /** The revision to compact at now, or 0 if the history is within retention + step. */
  long target() {
    ReplicatedStore h = history.get();
    if (h == null || retention == 0) {
      return 0;
    }
    long target = h.revision() - retention;
    return target - h.compactRevision() >= step ? target : 0;
  }

  /** One round: proposes one compaction if due and none is in flight; returns the revision proposed, or 0. */
  long tick() {
    long target = target();
    if (target == 0 || !inFlight.compareAndSet(false, true)) {
      return 0;
    }
    Command command = Command.newBuilder()
        .addRequests(Request.newBuilder().setCompact(CompactRequest.newBuilder().setRevision(target)))
        .build();
    CompletableFuture<?> reply;
    try {
      reply = proposer.propose(command);
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.whenComplete((r, e) -> {
      inFlight.set(false);
      if (e != null) {
        LOG.debug("proposing compaction at {} failed: {}", target, e.toString());
      } else {
        LOG.info("compacted the history at revision {} (keeping the last {} revisions)", target, retention);
      }
    });
    return target;
  }

  @Override
  public void close() {
    stop();
    executor.shutdownNow();
  }
}
