package dev.pop.server;

import dev.pop.server.apply.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code pop-server}: starts one member and serves until SIGTERM/SIGINT. */
@Command(name = "pop-server", mixinStandardHelpOptions = true,
    description = "Runs one POP member. Every flag can also come from the environment as POP_<FLAG> "
        + "(e.g. POP_DATA_DIR) or from --config FILE (properties with the flag names as keys).")
public final class PopServerMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(PopServerMain.class);

  @Option(names = "--dev", description = "Single-node development member: id n1, data ./pop-data, Raft 127.0.0.1:7701, HTTP 127.0.0.1:7801.")
  boolean dev;
  @Option(names = "--id", description = "Member id (e.g. n1).")
  String id;
  @Option(names = "--data-dir", description = "Data directory.")
  Path dataDir;
  @Option(names = "--raft", description = "Raft and client address HOST:PORT.")
  String raft;
  @Option(names = "--http", description = "HTTP address HOST:PORT.")
  String http;
  @Option(names = "--peers", description = "Initial voting members ID=HOST:PORT,... (this member included).")
  String peers;
  @Option(names = "--peers-http", description = "HTTP addresses of the initial members ID=HOST:PORT,... (optional; "
      + "recorded in the Raft configuration so status pages and popctl can find every member's HTTP API).")
  String peersHttp;
  @Option(names = "--join", description = "Start empty and wait to be added as a member.")
  boolean join;
  @Option(names = "--config", description = "Properties file with the same keys as the flags.")
  Path config;
  @Option(names = "--compaction-retention", paramLabel = "REVISIONS",
      description = "Revisions of history kept by automatic compaction (default: ${DEFAULT-VALUE}; 0: off).")
  long compactionRetention = ServerConfig.Tuning.DEFAULT_RETENTION;
  @Option(names = "--unsafe-local-reads", hidden = true,
      description = "TEST ONLY: serve linearizable reads from local state without ReadIndex (breaks linearizability).")
  boolean unsafeLocalReads;
  @Option(names = "--admin-token-file", description = "File holding the bearer token required by mutating admin calls.")
  Path adminTokenFile;

  public static void main(String[] args) {
    final CommandLine cl = new CommandLine(new PopServerMain());
    cl.setDefaultValueProvider(new EnvAndFileDefaults(args));
    System.exit(cl.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    final ServerConfig cfg = toConfig();
    final PopServer server = PopServer.start(cfg);
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (IOException e) {
        LOG.warn("Error while stopping", e);
      }
      stopped.countDown();
    }, "pop-shutdown"));
    stopped.await();
    return 0;
  }

  ServerConfig toConfig() {
    if (dev) {
      id = id == null ? "n1" : id;
      dataDir = dataDir == null ? Path.of("pop-data") : dataDir;
      raft = raft == null ? "127.0.0.1:7701" : raft;
      http = http == null ? "127.0.0.1:7801" : http;
      peers = peers == null ? id + "=" + raft : peers;
    }
    if (id == null || dataDir == null || raft == null) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--id, --data-dir and --raft are required (or use --dev)");
    }
    final Map<String, String> peerMap = parsePeers("--peers", peers == null ? (join ? "" : id + "=" + raft) : peers);
    if (!join && !peerMap.containsKey(id)) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--peers must include this member (" + id + "), got: " + peers);
    }
    final Map<String, String> httpMap = new LinkedHashMap<>(parsePeers("--peers-http", peersHttp == null ? "" : peersHttp));
    if (http != null) {
      httpMap.putIfAbsent(id, http);
    }
    if (compactionRetention < 0) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--compaction-retention is " + compactionRetention + ", must be >= 0 (0: no automatic compaction)");
    }
    if (adminTokenFile != null && !Files.isReadable(adminTokenFile)) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--admin-token-file " + adminTokenFile + " is not a readable file");
    }
    return new ServerConfig(id, dataDir, address("--raft", raft), http == null ? null : address("--http", http),
        peerMap, join, Limits.DEFAULT, ServerConfig.Tuning.DEFAULT.withCompactionRetention(compactionRetention),
        unsafeLocalReads, httpMap, adminTokenFile);
  }

  private InetSocketAddress address(String flag, String hostPort) {
    final int colon = hostPort.lastIndexOf(':');
    try {
      if (colon <= 0) {
        throw new NumberFormatException();
      }
      return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          flag + " must be HOST:PORT, got: " + hostPort);
    }
  }

  private Map<String, String> parsePeers(String flag, String spec) {
    final Map<String, String> out = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      final String[] kv = part.trim().split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            flag + " must be ID=HOST:PORT,...; bad entry: " + part);
      }
      address(flag, kv[1]);
      out.put(kv[0].trim(), kv[1].trim());
    }
    return out;
  }

  /** Defaults for every flag: POP_&lt;FLAG&gt; from the environment, else the --config file. */
  static final class EnvAndFileDefaults implements CommandLine.IDefaultValueProvider {
    private final Properties file = new Properties();

    EnvAndFileDefaults(String[] args) {
      String path = System.getenv("POP_CONFIG");
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--config") && i + 1 < args.length) {
          path = args[i + 1];
        } else if (args[i].startsWith("--config=")) {
          path = args[i].substring("--config=".length());
        }
      }
      if (path != null) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
          file.load(in);
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot read --config " + path + ": " + e.getMessage());
        }
      }
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
      if (!(arg instanceof CommandLine.Model.OptionSpec opt)) {
        return null;
      }
      final String name = opt.longestName().replaceFirst("^--", "");
      final String env = System.getenv("POP_" + name.toUpperCase().replace('-', '_'));
      return env != null ? env : file.getProperty(name);
    }
  }
}
