package dev.pop.client;

import dev.pop.client.internal.ClientConfig;
import dev.pop.client.internal.HostPort;
import dev.pop.client.internal.PopClientImpl;
import java.time.Duration;
import java.util.List;

/**
 * Entry point of the POP SDK. Thread-safe; share one per process: it holds the connections, the batching lanes and
 * a few daemon threads, and coalesces concurrent calls from all threads.
 *
 * <pre>{@code
 * try (PopClient pop = PopClient.builder().endpoints("127.0.0.1:7701", "127.0.0.1:7702").build()) {
 *   pop.kv().put("app/config", "v1");
 *   String v = pop.kv().get("app/config").first().map(KeyValue::valueUtf8).orElse(null);
 * }
 * }</pre>
 *
 * <p>The client learns the member ids, their addresses and the leader by asking any reachable endpoint; endpoints
 * need not list every member. Building does not contact the cluster; the first call does.
 *
 * <p>Threads: the SDK's own code never uses {@code ForkJoinPool.commonPool()}; Ratis' client path used here does not
 * either (checked in Ratis 3.3.0). Servers on small machines still need
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=4}.
 */
public interface PopClient extends AutoCloseable {
  /** Environment variable read for the default endpoints (comma-separated host:port). */
  String ENDPOINTS_ENV = "POP_ENDPOINTS";
  /** Endpoint used when neither {@link Builder#endpoints} nor {@code POP_ENDPOINTS} is set. */
  String DEFAULT_ENDPOINT = "127.0.0.1:7701";

  static Builder builder() {
    return new Builder();
  }

  /** The key-value store. */
  Kv kv();

  /** Cluster status. */
  Cluster cluster();

  /** A new transaction to build and commit; one per transaction. */
  Txn txn();

  /** Counters with bounds. */
  Counters counters();

  /** Leases and their keepers. */
  Leases leases();

  /** Fenced FIFO locks. */
  Locks locks();

  /** Leader election (on locks). */
  Elections elections();

  /** Watches on keys and prefixes: ordered, gapless, resumable on any member. */
  Watches watches();

  /** Transaction log streams. */
  Logs logs();

  /** Sagas driven through log streams, locks and leases; they survive their runner. */
  Sagas sagas();

  /**
   * Closes connections and threads. Calls still pending fail: reads and unsent writes with
   * {@link UnavailableException}, writes already sent with {@link UnknownOutcomeException}. Idempotent.
   */
  @Override
  void close();

  /** Builder of {@link PopClient}. Every setter validates its argument and throws {@link InvalidArgumentException}. */
  final class Builder {
    private List<HostPort> endpoints;
    private Duration timeout = ClientConfig.DEFAULT_TIMEOUT;
    private int maxBatchOps = ClientConfig.DEFAULT_MAX_BATCH_OPS;
    private int maxBatchBytes = ClientConfig.DEFAULT_MAX_BATCH_BYTES;
    private int maxInFlightBatches = ClientConfig.DEFAULT_MAX_IN_FLIGHT_BATCHES;
    private Duration linger = Duration.ZERO;

    private Builder() {
    }

    /**
     * Raft/client addresses, each {@code host:port} (IPv6 as {@code [::1]:7701}); an argument may hold several
     * separated by commas. Default: {@code POP_ENDPOINTS}, else {@value PopClient#DEFAULT_ENDPOINT}.
     */
    public Builder endpoints(String... hostPorts) {
      if (hostPorts == null) {
        throw new InvalidArgumentException("endpoints: no endpoint given; expected host:port, e.g. 127.0.0.1:7701");
      }
      return endpoints(java.util.Arrays.asList(hostPorts));
    }

    /** See {@link #endpoints(String...)}. */
    public Builder endpoints(List<String> hostPorts) {
      this.endpoints = HostPort.parseAll("endpoints", hostPorts);
      return this;
    }

    /** Per-call deadline, including every retry; default 5 s. */
    public Builder timeout(Duration d) {
      this.timeout = ClientConfig.checkTimeout(d);
      return this;
    }

    /** Most operations coalesced into one Raft log entry or read batch; default 128. */
    public Builder maxBatchOps(int n) {
      this.maxBatchOps = ClientConfig.checkMaxBatchOps(n);
      return this;
    }

    /** Most request bytes in one batch; default 1 MiB, at most the server's request limit minus headroom. */
    public Builder maxBatchBytes(int n) {
      this.maxBatchBytes = ClientConfig.checkMaxBatchBytes(n);
      return this;
    }

    /**
     * Most batches in flight per lane (writes, linearizable reads, serializable reads per member); default 2:
     * more calls wait and join the next batch, which costs the cluster less than many small ones (Ratis' cost is
     * per request and per log entry). {@code -Dpop.client.maxInFlightBatches=N} changes the default.
     */
    public Builder maxInFlightBatches(int n) {
      this.maxInFlightBatches = ClientConfig.checkMaxInFlightBatches(n);
      return this;
    }

    /**
     * How long a call waits for company when a batch could be sent at once; default 0 (send as soon as a slot is
     * free; calls still coalesce while every slot is busy). More than 1 ms is rarely useful.
     */
    public Builder linger(Duration d) {
      this.linger = ClientConfig.checkLinger(d);
      return this;
    }

    /**
     * Builds the client without contacting the cluster.
     *
     * @throws InvalidArgumentException if the endpoints (given or from {@code POP_ENDPOINTS}) are malformed
     */
    public PopClient build() {
      List<HostPort> eps = endpoints != null ? endpoints : defaultEndpoints();
      return new PopClientImpl(new ClientConfig(eps, timeout, maxBatchOps, maxBatchBytes, maxInFlightBatches, linger));
    }

    private static List<HostPort> defaultEndpoints() {
      String env = System.getenv(ENDPOINTS_ENV);
      if (env != null && !env.isBlank()) {
        return HostPort.parseAll(ENDPOINTS_ENV, List.of(env));
      }
      return HostPort.parseAll("endpoints", List.of(DEFAULT_ENDPOINT));
    }
  }
}
