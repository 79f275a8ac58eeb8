package dev.pop.server;

import dev.pop.server.apply.Limits;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one member needs to start. Built by {@link PopServerMain} from flags, environment and config
 * file, or directly by tests and embedders.
 *
 * @param id           this member's id, e.g. {@code n1}
 * @param dataDir      holds {@code raft/} (Ratis log, metadata, snapshots) and {@code store/} (RocksDB)
 * @param raftAddress  Raft and client (gRPC) address
 * @param httpAddress  HTTP address, or null for no HTTP server
 * @param peers        the initial voting members (id → host:port), this member included; empty with {@code join}
 * @param join         start without a group and wait to be added as a member
 * @param unsafeLocalReads TEST ONLY: answer linearizable reads from the leader's local state without ReadIndex,
 *                     so a deposed leader can serve stale reads. Exists to prove the Jepsen checker catches that.
 * @param peersHttp    HTTP addresses (id → host:port) of the initial members, recorded in the Raft configuration so
 *                     every member can tell where the others' HTTP API is; may be empty or partial
 * @param adminTokenFile file holding the bearer token mutating admin calls need, or null for no token
 */
public record ServerConfig(
    String id,
    Path dataDir,
    InetSocketAddress raftAddress,
    InetSocketAddress httpAddress,
    Map<String, String> peers,
    boolean join,
    Limits limits,
    Tuning tuning,
    boolean unsafeLocalReads,
    Map<String, String> peersHttp,
    Path adminTokenFile) {

  /** Without initial HTTP addresses and without an admin token. */
  public ServerConfig(String id, Path dataDir, InetSocketAddress raftAddress, InetSocketAddress httpAddress,
      Map<String, String> peers, boolean join, Limits limits, Tuning tuning, boolean unsafeLocalReads) {
    this(id, dataDir, raftAddress, httpAddress, peers, join, limits, tuning, unsafeLocalReads, Map.of(), null);
  }

  public ServerConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(raftAddress, "raftAddress");
    peers = Map.copyOf(new LinkedHashMap<>(peers));
    peersHttp = peersHttp == null ? Map.of() : Map.copyOf(peersHttp);
    limits = limits == null ? Limits.DEFAULT : limits;
    tuning = tuning == null ? Tuning.DEFAULT : tuning;
  }

  public Path raftDir() {
    return dataDir.resolve("raft");
  }

  public Path storeDir() {
    return dataDir.resolve("store");
  }

  /**
   * Raft timing and log sizing. Defaults suit a 2-core machine with GC pauses: an election timeout of 1–2 s (etcd uses 1 s)
   * so that a busy JVM is not mistaken for a dead one, which is what makes failover take "a few seconds".
   *
   * @param electionMin       minimum election timeout (heartbeats go at half of it)
   * @param electionMax       maximum election timeout
   * @param snapshotThreshold log entries between automatic snapshots
   * @param purgeGap          keep at least this many entries before purging the log up to a snapshot
   * @param logSegmentBytes   Raft log segment size; only closed segments are purged after a snapshot
   * @param compactionRetention revisions of history the leader keeps when compacting automatically (0: never)
   */
  public record Tuning(Duration electionMin, Duration electionMax, long snapshotThreshold, int purgeGap,
      long logSegmentBytes, long compactionRetention) {
    /** SPEC section 3: the last 100,000 revisions. */
    public static final long DEFAULT_RETENTION = 100_000;
    public static final Tuning DEFAULT = new Tuning(Duration.ofMillis(1000), Duration.ofMillis(2000), 100_000, 1024,
        32L << 20);

    public Tuning(Duration electionMin, Duration electionMax, long snapshotThreshold, int purgeGap,
        long logSegmentBytes) {
      this(electionMin, electionMax, snapshotThreshold, purgeGap, logSegmentBytes, DEFAULT_RETENTION);
    }

    public Tuning withCompactionRetention(long revisions) {
      return new Tuning(electionMin, electionMax, snapshotThreshold, purgeGap, logSegmentBytes, revisions);
    }
  }
}
