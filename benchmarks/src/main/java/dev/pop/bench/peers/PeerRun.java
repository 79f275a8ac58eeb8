package dev.pop.bench.peers;

import dev.pop.cli.bench.BenchConfig;
import dev.pop.cli.bench.BenchResult;
import dev.pop.cli.bench.BenchRunner;
import dev.pop.cli.bench.ClientLeases;
import dev.pop.cli.bench.ClosedLoop;
import dev.pop.cli.bench.Payloads;
import dev.pop.cli.bench.Workload;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One workload against a {@link Peer}, through {@code popctl bench}'s runner: the same keys and values
 * ({@link Payloads}), the same closed loop, warm-up, hard stop and histogram as POP gets. Logical client
 * {@code i} uses connection {@code i % conns} and, for locks, lock {@code i % names}.
 */
final class PeerRun {

  private static final long CLEANUP_SECONDS = 30;

  private final Peer peer;
  private final BenchConfig config;
  private final BenchRunner runner;
  private final Payloads payloads;

  PeerRun(Peer peer, BenchConfig config, BenchRunner runner) {
    this.peer = peer;
    this.config = config;
    this.runner = runner;
    this.payloads = new Payloads(config.keys(), config.valueSize());
  }

  BenchResult run() {
    long hardStop = runner.hardStopFromNow();
    Workload workload = config.workload();
    if (workload == Workload.LOCK) {
      return locks(hardStop);
    }
    if (workload.needsData() || peer.putNeedsKeys()) {
      AtomicInteger next = new AtomicInteger();
      runner.prepare("write", "keys", ignored -> {
        int index = next.getAndIncrement();
        return peer.create(conn(index), Payloads.key(index), payloads.value());
      }, config.keys(), hardStop, false);
    }
    ClosedLoop.Request request = switch (workload) {
      case PUT -> client -> peer.put(conn(client), randomKey(), payloads.value());
      case GET -> client -> peer.get(conn(client), randomKey(), true);
      case GET_SERIALIZABLE -> client -> peer.get(conn(client), randomKey(), false);
      default -> throw new IllegalArgumentException(workload.cliName() + " is not compared with " + peer.name());
    };
    return runner.measure(request, hardStop);
  }

  private BenchResult locks(long hardStop) {
    AtomicInteger next = new AtomicInteger();
    try {
      runner.prepare("prepare", "lockers", ignored -> {
        int client = next.getAndIncrement();
        return peer.prepareLocker(client, conn(client), ClientLeases.lockName(client % config.names()));
      }, config.clients(), hardStop, true);
      return runner.measure(peer::lockCycle, hardStop);
    } finally {
      CompletableFuture<?>[] cleanups = new CompletableFuture<?>[config.clients()];
      for (int client = 0; client < cleanups.length; client++) {
        cleanups[client] = peer.cleanupLocker(client);
      }
      try {
        CompletableFuture.allOf(cleanups).get(CLEANUP_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("peer-bench: warning: cleaning up the lockers failed: " + e);
      }
    }
  }

  private int conn(int client) {
    return client % config.conns();
  }

  private byte[] randomKey() {
    return Payloads.key(payloads.randomIndex());
  }
}
