package dev.pop.bench.peers;

import dev.pop.cli.CommandFailure;
import dev.pop.cli.DurationConverter;
import dev.pop.cli.bench.BenchConfig;
import dev.pop.cli.bench.BenchReport;
import dev.pop.cli.bench.BenchResult;
import dev.pop.cli.bench.BenchRunner;
import dev.pop.cli.bench.ClientLeases;
import dev.pop.cli.bench.Progress;
import dev.pop.cli.bench.WarmupConverter;
import dev.pop.cli.bench.Workload;
import dev.pop.client.PopClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The comparison load generator: one workload against POP (through its SDK, with {@code popctl bench}'s own
 * runner), etcd (jetcd) or ZooKeeper (its client; Curator for locks). Prints one JSON line, {@code popctl bench
 * -o json}'s document with {@code "system"} and {@code "cell"} in front.
 */
@Command(name = "peer-bench", mixinStandardHelpOptions = true,
    description = "Runs one bench workload (put, get, get-serializable, lock) against pop, etcd or zookeeper.")
public final class PeerBench implements Callable<Integer> {

  /** The systems compared. */
  enum SystemName { pop, etcd, zookeeper }

  @Option(names = "--system", required = true, description = "pop, etcd or zookeeper.")
  SystemName system;

  @Option(names = "--endpoints", required = true, split = ",", description = "host:port of every member.")
  List<String> endpoints;

  @Parameters(index = "0", description = "put, get, get-serializable or lock.")
  String workloadName;

  @Option(names = "--cell", defaultValue = "", description = "Label of the table cell (copied into the JSON).")
  String cell;

  @Option(names = "--clients", defaultValue = "1")
  int clients;

  @Option(names = "--conns", defaultValue = "1")
  int conns;

  @Option(names = "--names", defaultValue = "1", description = "lock: distinct lock names.")
  int names;

  @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class)
  Duration duration;

  @Option(names = "--warmup", defaultValue = "10s", converter = WarmupConverter.class)
  Duration warmup;

  @Option(names = "--value-size", defaultValue = "256")
  int valueSize;

  @Option(names = "--keys", defaultValue = "10000")
  int keys;

  @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
      description = "POP request deadline.")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    Workload workload = Workload.byName(workloadName)
        .filter(w -> w == Workload.PUT || w == Workload.GET || w == Workload.GET_SERIALIZABLE || w == Workload.LOCK)
        .orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(this),
            "workload must be put, get, get-serializable or lock: " + workloadName));
    Duration maxTime = BenchConfig.defaultMaxTime(warmup, duration, timeout).plusSeconds(60);
    BenchConfig config = new BenchConfig(workload, clients, conns, duration, 0, valueSize, keys, warmup, maxTime,
        names);
    Progress progress = new Progress(System.err, Progress.enabled(Progress.Mode.AUTO), system + " " + workloadName);
    try {
      BenchResult result = system == SystemName.pop ? runPop(config, progress) : runPeer(config, progress);
      String json = BenchReport.json(result);
      System.out.println("{\"system\":\"" + system + "\",\"cell\":\"" + cell.replace("\"", "'") + "\","
          + json.substring(1));
      return 0;
    } catch (CommandFailure e) {
      System.err.println("peer-bench " + system + " " + workloadName + ": " + e.getMessage());
      return 1;
    }
  }

  private BenchResult runPop(BenchConfig config, Progress progress) {
    List<PopClient> opened = new ArrayList<>();
    try {
      for (int i = 0; i < conns; i++) {
        opened.add(PopClient.builder().endpoints(endpoints).timeout(timeout).build());
      }
      return new BenchRunner(config, opened, System.err, progress, System::nanoTime).run();
    } finally {
      opened.forEach(PopClient::close);
    }
  }

  private BenchResult runPeer(BenchConfig config, Progress progress) throws Exception {
    int lockers = config.workload() == Workload.LOCK ? clients : 0;
    Duration leaseTtl = ClientLeases.ttlFor(config.maxTime());
    try (Peer peer = system == SystemName.etcd
        ? new EtcdPeer(endpoints, conns, lockers, leaseTtl)
        : new ZooKeeperPeer(endpoints, conns, lockers)) {
      return new PeerRun(peer, config, new BenchRunner(config, System.err, progress, System::nanoTime)).run();
    }
  }

  public static void main(String[] args) {
    // the clients' INFO logs (a line per ZooKeeper session, per gRPC channel...) would bury the results
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    System.exit(new CommandLine(new PeerBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }
}
