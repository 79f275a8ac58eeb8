package dev.pop.cli.command;

import dev.pop.cli.DurationConverter;
import dev.pop.cli.GlobalOptions;
import dev.pop.cli.bench.BenchConfig;
import dev.pop.cli.bench.BenchReport;
import dev.pop.cli.bench.BenchResult;
import dev.pop.cli.bench.BenchRunner;
import dev.pop.cli.bench.CompareAndPut;
import dev.pop.cli.bench.Progress;
import dev.pop.cli.bench.WarmupConverter;
import dev.pop.cli.bench.Workload;
import dev.pop.cli.output.Printer;
import dev.pop.client.PopClient;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench put|get|get-serializable|txn|lock|lease-keepalive}: a closed-loop load test through the SDK's async calls; prints
 * ops/s and latency percentiles. Exit 0 unless no request succeeded during the whole run (then the most
 * frequent error's exit code: 4 when the cluster was unreachable).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Load-tests the cluster and prints ops/s and latency p50/p90/p99/p99.9/max (ms).",
      "WORKLOAD: put (random key among --keys, random --value-size value), get (linearizable read of a "
          + "random key; the keys are written first, outside the measurement), get-serializable,",
      "  txn (compare-and-put of a random key: compare its modRevision with the one the run last saw, put if it"
          + " holds, else read it; keys written first; succeeded and failed compares are counted apart, both in"
          + " OPS),",
      "  lock (acquire then release one of --names locks bench/lock-N, client i on lock i % --names: "
          + "--clients 32 --names 1 is 32 contenders on one lock) or",
      "  lease-keepalive (a keepalive of the client's own lease).",
      "lock and lease-keepalive grant one lease per client before the run (TTL: --max-time + 30s) and revoke "
          + "them after it, outside the measurement.",
      "Keys are bench/key-00000000 ... (they stay in the store afterwards)."
    },
    footer = {
      "%nClosed loop: each client sends its next request when the previous one completed. Latencies are"
          + " therefore those of a closed system and suffer from coordinated omission: a slow reply delays the"
          + " requests queued behind it instead of showing them as late, so tail latencies under saturation"
          + " look better than an open-loop (fixed-rate) load would show. Compare runs at equal --clients.",
      "Latency is timed in nanoseconds and recorded per successful measured request in an HdrHistogram of"
          + " microseconds (3 significant digits); failed requests are counted per error code, not timed.",
      "%nExamples:%n  popctl bench put --clients 1000 --conns 100 --duration 20s --warmup 30s%n"
          + "  popctl bench get --clients 100 --total 100000 -o json%n"
          + "  popctl bench lock --clients 32 --names 1 --duration 20s"
    })
public final class BenchCommand extends ClientCommand {

  static final int MAX_CLIENTS = 100_000;
  static final int MAX_CONNS = 1_000;
  static final int MAX_VALUE_SIZE = 1 << 20;
  static final int MAX_KEYS = 100_000_000;
  static final int MAX_TXN_KEYS = CompareAndPut.MAX_KEYS;

  @Parameters(index = "0", paramLabel = "WORKLOAD",
      description = "put, get, get-serializable, txn, lock or lease-keepalive.")
  String workloadName;

  @Option(names = "--clients", paramLabel = "N", defaultValue = "1",
      description = "Requests in flight at once (logical clients). Default: ${DEFAULT-VALUE}.")
  int clients;

  @Option(names = "--conns", paramLabel = "N", defaultValue = "1",
      description = "SDK clients (each with its own connections) the clients are spread over; at most "
          + "--clients. Default: ${DEFAULT-VALUE}.")
  int conns;

  @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Measure for this long: 20s, 2m or seconds. Default: 10s unless --total is given.")
  Duration duration;

  @Option(names = "--total", paramLabel = "N", description = "Measure this many requests instead of a duration.")
  Long total;

  @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "256",
      description = "Bytes per value written. Default: ${DEFAULT-VALUE}.")
  int valueSize;

  @Option(names = "--keys", paramLabel = "N", defaultValue = "10000",
      description = "Distinct keys used. Default: ${DEFAULT-VALUE}.")
  int keys;

  @Option(names = "--names", paramLabel = "N", defaultValue = "1",
      description = "lock: distinct lock names the clients are spread over. Default: ${DEFAULT-VALUE}.")
  int names;

  @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "0", converter = WarmupConverter.class,
      description = "Run this long first without measuring (a fresh cluster needs 30-60 s: JIT). Default: 0.")
  Duration warmup;

  @Option(names = "--max-time", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Hard stop for the whole run; requests still in flight then count as errors (ABANDONED)."
          + " Default: warm-up + duration + --timeout + 5s (with --total: warm-up + 10m + --timeout + 5s).")
  Duration maxTime;

  @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
      description = "Progress line on stderr every second: auto (when stderr is a terminal), always, never.")
  Progress.Mode progress;

  private Workload workload;

  @Override
  void validate() {
    workload = Workload.byName(workloadName).orElseThrow(
        () -> usage("unknown workload '" + workloadName + "'; available: " + Workload.names()));
    requireRange("--clients", clients, 1, MAX_CLIENTS);
    requireRange("--conns", conns, 1, MAX_CONNS);
    if (conns > clients) {
      throw usage("--conns (" + conns + ") must not exceed --clients (" + clients + ")");
    }
    if (duration != null && total != null) {
      throw usage("--duration and --total are mutually exclusive");
    }
    if (total != null) {
      requireRange("--total", total, 1, Long.MAX_VALUE);
    }
    requireRange("--value-size", valueSize, 0, MAX_VALUE_SIZE);
    requireRange("--keys", keys, 1, workload == Workload.TXN ? MAX_TXN_KEYS : MAX_KEYS);
    requireRange("--names", names, 1, MAX_CLIENTS);
  }

  @Override
  int run(PopClient first, Printer printer, GlobalOptions options) {
    BenchConfig config = config(options);
    List<PopClient> opened = new ArrayList<>();
    try {
      List<PopClient> clients = new ArrayList<>(List.of(first));
      for (int i = 1; i < conns; i++) {
        PopClient client = root().clients().connect(options.endpoints(), options.timeout());
        opened.add(client);
        clients.add(client);
      }
      PrintStream err = root().err();
      warnIfC1Only(err);
      Progress line = new Progress(err, Progress.enabled(progress), config.workload().cliName());
      BenchResult result = new BenchRunner(config, clients, err, line, System::nanoTime).run();
      BenchReport.print(result, options.output(), root().out());
      return 0;
    } finally {
      opened.parallelStream().forEach(BenchCommand::closeQuietly);
    }
  }

  /** The run this command line asks for (after {@link #validate()}). */
  BenchConfig config(GlobalOptions options) {
    Workload chosen = workload == Workload.GET && options.serializable() ? Workload.GET_SERIALIZABLE : workload;
    Duration measured = total == null && duration == null ? Duration.ofSeconds(10) : duration;
    Duration stop = maxTime != null ? maxTime : BenchConfig.defaultMaxTime(warmup, measured, options.timeout());
    return new BenchConfig(chosen, clients, conns, measured, total == null ? 0 : total, valueSize, keys, warmup,
        stop, names);
  }

  /**
   * {@code bin/popctl} starts short commands with {@code -XX:TieredStopAtLevel=1} (C1 only: fast start, but
   * about 45% slower in steady state), which would make the load generator itself the bottleneck.
   */
  private static void warnIfC1Only(PrintStream err) {
    boolean c1Only = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel=") && !a.endsWith("=4"));
    if (c1Only) {
      err.println("bench: warning: this JVM runs without the C2 compiler (-XX:TieredStopAtLevel); the load "
          + "generator will be slower than it should (with bin/popctl, set POP_CLI_JAVA_OPTS, e.g. to -Xmx2g)");
    }
  }

  private void requireRange(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw usage("Invalid value for option '" + option + "': " + value + " must be between " + min + " and "
          + max);
    }
  }

  private static void closeQuietly(PopClient client) {
    try {
      client.close();
    } catch (RuntimeException e) {
      // the result is printed already
    }
  }
}
