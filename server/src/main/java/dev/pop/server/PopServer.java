package dev.pop.server;

import dev.pop.server.apply.RequestValidator;
import dev.pop.server.store.RocksStore;
import dev.pop.server.http.HttpFront;
import dev.pop.server.ratis.PopGroup;
import dev.pop.server.ratis.PopStateMachine;
import dev.pop.server.ratis.RatisProperties;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** One POP member: a Ratis server hosting the POP group, plus its HTTP front. */
public final class PopServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PopServer.class);

  private final ServerConfig config;
  private final RaftServer raft;
  private final PopStateMachine stateMachine;
  private final HttpFront http;

  private PopServer(ServerConfig config, RaftServer raft, PopStateMachine stateMachine, HttpFront http) {
    this.config = config;
    this.raft = raft;
    this.stateMachine = stateMachine;
    this.http = http;
  }

  /** Starts a member; returns once its RPC port is open (not once a leader is elected). */
  public static PopServer start(ServerConfig config) throws IOException {
    RestoredDataDir.prepare(config);
    Files.createDirectories(config.raftDir());
    final PopStateMachine sm = new PopStateMachine(
        config.storeDir(),
        dir -> RocksStore.open(dir, config.limits()),
        new RequestValidator(config.limits()),
        config.tuning().electionMax().toMillis(),
        config.unsafeLocalReads())
        .withCompactionRetention(config.tuning().compactionRetention());
    // A member's HTTP address rides in its peer record's dataStreamAddress: POP runs no Ratis data stream, and so
    // the Raft configuration itself tells every member (and the SDK) where the others' HTTP API is.
    final List<RaftPeer> peers = config.peers().entrySet().stream()
        .map(e -> RaftPeer.newBuilder().setId(e.getKey()).setAddress(e.getValue())
            .setDataStreamAddress(config.peersHttp().get(e.getKey())).build())
        .toList();
    // A joining member starts in the POP group with no peers and waits for the leader to add it (as Ratis'
    // MiniRaftCluster.addNewPeers does); on restart its configuration comes from its log.
    final RaftGroup group = RaftGroup.valueOf(PopGroup.ID, config.join() ? List.of() : peers);
    final RaftServer raft = RaftServer.newBuilder()
        .setServerId(RaftPeerId.valueOf(config.id()))
        .setGroup(group)
        .setProperties(RatisProperties.of(config))
        .setStateMachine(sm)
        .setOption(org.apache.ratis.server.storage.RaftStorage.StartupOption.RECOVER)
        .build();
    raft.start();
    if (config.unsafeLocalReads()) {
      LOG.warn("UNSAFE: --unsafe-local-reads is on; linearizable reads may return stale data (test use only)");
    }
    HttpFront http = null;
    if (config.httpAddress() != null) {
      try {
        http = HttpFront.start(config, raft, sm);
      } catch (RuntimeException e) {
        raft.close(); // e.g. the HTTP port is taken: do not leave a member running without its front
        throw new IOException("cannot serve HTTP on " + config.httpAddress() + ": " + e.getMessage(), e);
      }
    }
    LOG.info("POP member {} serving Raft/client on {}{} (peers {})", config.id(), config.raftAddress(),
        http == null ? "" : ", HTTP on " + config.httpAddress(),
        config.join() ? "none: waiting to be added" : config.peers());
    return new PopServer(config, raft, sm, http);
  }

  public ServerConfig config() {
    return config;
  }

  public RaftServer raftServer() {
    return raft;
  }

  public PopStateMachine stateMachine() {
    return stateMachine;
  }

  /** Id → Raft address of the initial members, in the {@code --peers} format. */
  public static String peersFlag(Map<String, String> peers) {
    return String.join(",", peers.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  @Override
  public void close() throws IOException {
    if (http != null) {
      http.close();
    }
    raft.close();
    LOG.info("POP member {} stopped", config.id());
  }
}
