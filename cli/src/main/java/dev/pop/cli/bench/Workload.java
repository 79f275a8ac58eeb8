package dev.pop.cli.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code popctl bench} workloads. */
public enum Workload {
  /** A put of a random key among {@code --keys}, with a random value of {@code --value-size} bytes. */
  PUT("put", false, false),
  /** A linearizable get (Raft ReadIndex) of a random key; the keys are written before the run. */
  GET("get", true, false),
  /** A serializable get (the contacted member's local state) of a random key; keys written before the run. */
  GET_SERIALIZABLE("get-serializable", true, false),
  /**
   * A compare-and-put of a random key: compare its modRevision with the one this run last saw, then put; the
   * keys are written before the run. Counts succeeded and failed compares ({@link Outcome}).
   */
  TXN("txn", true, false),
  /** An acquire-then-release cycle of one of {@code --names} locks, each logical client with its own lease. */
  LOCK("lock", false, true),
  /** A keepalive of the logical client's own lease, granted before the run. */
  LEASE_KEEPALIVE("lease-keepalive", false, true),
  /** An append of a {@code --value-size} entry to one log stream ({@code bench/stream}) shared by every client. */
  APPEND("append", false, false),
  /**
   * {@code --clients} watchers on one prefix ({@code bench/watch/}) while 16 writers put under it: counts the
   * events delivered to all watchers (ops), with the latency from each put's send to each watcher's delivery.
   */
  WATCH("watch", false, false);

  private final String cliName;
  private final boolean needsData;
  private final boolean needsLeases;

  Workload(String cliName, boolean needsData, boolean needsLeases) {
    this.cliName = cliName;
    this.needsData = needsData;
    this.needsLeases = needsLeases;
  }

  /** The name on the command line and in the JSON result ({@code "workload"}). */
  public String cliName() {
    return cliName;
  }

  /** Whether the keys must exist before the measurement starts. */
  public boolean needsData() {
    return needsData;
  }

  /** Whether each logical client needs a lease of its own, granted before and revoked after the run. */
  public boolean needsLeases() {
    return needsLeases;
  }

  /** The outcomes a successful request of this workload is counted under (none: just successes). */
  public List<Outcome> outcomes() {
    return this == TXN ? List.of(Outcome.COMPARE_SUCCEEDED, Outcome.COMPARE_FAILED) : List.of();
  }

  /** The workload called {@code name} on the command line, if any. */
  public static Optional<Workload> byName(String name) {
    return Arrays.stream(values()).filter(w -> w.cliName.equals(name)).findFirst();
  }

  /** {@code put, get, get-serializable, ...}, for messages. */
  public static String names() {
    return Arrays.stream(values()).map(Workload::cliName).collect(Collectors.joining(", "));
  }
}
