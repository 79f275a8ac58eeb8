package dev.pop.server;

import dev.pop.server.apply.Limits;
import dev.pop.server.ratis.PopGroup;
import org.apache.ratis.server.DivisionInfo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A real multi-member POP cluster in one JVM: real Ratis over gRPC on loopback, real RocksDB in a temp
 * directory. Members can be stopped (as by a crash: their process state is gone, their disk stays) and
 * restarted from their data directory.
 */
public final class MiniPopCluster implements AutoCloseable {
  public static final ServerConfig.Tuning FAST = new ServerConfig.Tuning(
      Duration.ofMillis(400), Duration.ofMillis(800), 100_000, 1024, 32L << 20);

  private final Path root;
  private final Map<String, String> peers = new LinkedHashMap<>();
  private final Map<String, PopServer> running = new LinkedHashMap<>();
  private final ServerConfig.Tuning timing;
  private final Limits limits;
  /** Id → HTTP address; empty when the cluster runs without HTTP. */
  private final Map<String, String> http = new LinkedHashMap<>();
  private final java.util.Set<String> joining = new java.util.HashSet<>();
  private final boolean withHttp;
  private final Path adminTokenFile;

  public MiniPopCluster(Path root, int size) throws IOException {
    this(root, size, FAST, Limits.DEFAULT);
  }

  public MiniPopCluster(Path root, int size, ServerConfig.Tuning timing, Limits limits) throws IOException {
    this(root, size, timing, limits, false, null);
  }

  /**
   * @param withHttp give every member an HTTP front on a free port (see {@link #httpAddress})
   * @param adminTokenFile the members' {@code --admin-token-file}, or null
   */
  public MiniPopCluster(Path root, int size, ServerConfig.Tuning timing, Limits limits, boolean withHttp,
      Path adminTokenFile) throws IOException {
    this.root = root;
    this.timing = timing;
    this.limits = limits;
    this.withHttp = withHttp;
    this.adminTokenFile = adminTokenFile;
    for (int i = 1; i <= size; i++) {
      peers.put("n" + i, "127.0.0.1:" + freePort());
      if (withHttp) {
        http.put("n" + i, "127.0.0.1:" + freePort());
      }
    }
    for (String id : peers.keySet()) {
      start(id);
    }
  }

  public List<String> ids() {
    return new ArrayList<>(peers.keySet());
  }

  public String address(String id) {
    return peers.get(id);
  }

  /** Endpoints of all members, as a client would be configured. */
  public List<String> endpoints() {
    return new ArrayList<>(peers.values());
  }

  public PopServer server(String id) {
    return running.get(id);
  }

  public boolean isRunning(String id) {
    return running.containsKey(id);
  }

  public void start(String id) throws IOException {
    final String[] hp = peers.get(id).split(":");
    final String[] h = http.containsKey(id) ? http.get(id).split(":") : null;
    final boolean join = joining.contains(id);
    final ServerConfig cfg = new ServerConfig(id, root.resolve(id), new InetSocketAddress(hp[0], Integer.parseInt(hp[1])),
        h == null ? null : new InetSocketAddress(h[0], Integer.parseInt(h[1])), join ? Map.of() : peers, join, limits,
        timing, false, join ? Map.of() : http, adminTokenFile);
    running.put(id, PopServer.start(cfg));
  }

  /** HTTP address (host:port) of a member of a cluster built with HTTP, else null. */
  public String httpAddress(String id) {
    return http.get(id);
  }

  /** Starts a new member with {@code --join} on free ports; it serves once a member add names it. */
  public void startJoining(String id) throws IOException {
    peers.put(id, "127.0.0.1:" + freePort());
    if (withHttp) {
      http.put(id, "127.0.0.1:" + freePort());
    }
    joining.add(id);
    start(id);
  }

  /** Stops a member removed from the cluster and forgets it: it is no longer listed or started. */
  public void forget(String id) throws IOException {
    stop(id);
    peers.remove(id);
    http.remove(id);
    joining.remove(id);
  }

  /** Stops a member; its data directory stays, so {@link #start} brings it back. */
  public void stop(String id) throws IOException {
    final PopServer s = running.remove(id);
    if (s != null) {
      s.close();
    }
  }

  public Optional<String> leader() {
    for (Map.Entry<String, PopServer> e : running.entrySet()) {
      final DivisionInfo info = info(e.getValue());
      if (info != null && info.isLeader() && info.isLeaderReady()) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  public String awaitLeader(Duration timeout) {
    await(() -> leader().isPresent(), timeout, "a leader");
    return leader().orElseThrow();
  }

  public long appliedIndex(String id) {
    return running.get(id).stateMachine().store().appliedIndex();
  }

  /** POP entries (not Ratis metadata entries) the member applied since it started. */
  public long appliedEntries(String id) {
    return running.get(id).stateMachine().appliedEntries();
  }

  public long revision(String id) {
    return running.get(id).stateMachine().store().revision();
  }

  public long compactRevision(String id) {
    return running.get(id).stateMachine().store().compactRevision();
  }

  static DivisionInfo info(PopServer s) {
    try {
      return s.raftServer().getDivision(PopGroup.ID).getInfo();
    } catch (IOException e) {
      return null;
    }
  }

  /** Polls a condition every 20 ms until it holds or the timeout passes (then fails naming what was awaited). */
  public static void await(BooleanSupplier condition, Duration timeout, String what) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    for (String id : new ArrayList<>(running.keySet())) {
      stop(id);
    }
  }
}
