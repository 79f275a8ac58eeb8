package dev.pop.jepsen.runner;

import dev.pop.client.PopClient;
import dev.pop.jepsen.checker.CheckReport;
import dev.pop.jepsen.cluster.ClusterSpec;
import dev.pop.jepsen.cluster.DockerEnvironment;
import dev.pop.jepsen.cluster.PopCluster;
import dev.pop.jepsen.cluster.PopNode;
import dev.pop.jepsen.cluster.RepoPaths;
import dev.pop.jepsen.history.HistoryRecorder;
import dev.pop.jepsen.history.HistoryWriter;
import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.nemesis.Nemeses;
import dev.pop.jepsen.nemesis.NemesisSchedule;
import dev.pop.jepsen.workload.RateLimiter;
import dev.pop.jepsen.workload.Workload;
import dev.pop.jepsen.workload.WorkloadDriver;
import dev.pop.jepsen.workload.WorkloadOptions;
import dev.pop.jepsen.workload.Workloads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One harness run: start the cluster, run the workload's clients while the nemesis schedule injects faults, stop
 * the clients, heal everything, wait for a healthy cluster, run the final reads, remove the cluster, check the
 * history and write the report ({@code history.jsonl}, {@code results.json}, {@code latency.png}, the members'
 * logs). Containers and the network are removed whatever happens.
 */
public final class JepsenRun {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration HEAL_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration FINAL_TIMEOUT = Duration.ofSeconds(60);

    private final RunOptions options;
    private final PrintStream out;
    private final RunLog log;

    public JepsenRun(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.log = new RunLog(out);
    }

    /**
     * Runs it.
     *
     * @throws IllegalStateException if Docker or the server jar is not there, or the cluster never became healthy
     */
    public RunOutcome execute() throws IOException, InterruptedException {
        long started = System.nanoTime();
        Logger.getLogger("").setLevel(Level.WARNING); // gRPC's java.util.logging chatter
        Path root = RepoPaths.repoRoot();
        String envProblem = DockerEnvironment.missingTestcontainersEnv();
        if (envProblem != null) {
            throw new IllegalStateException(envProblem);
        }
        String engineProblem = DockerEnvironment.ensureEngine(root);
        if (engineProblem != null) {
            throw new IllegalStateException(engineProblem);
        }
        DockerEnvironment.ensureNodeImage();
        int swept = DockerEnvironment.sweepLeftovers();
        Path serverJar = RepoPaths.serverJar();
        Path runDir = createRunDir();
        log.writeTo(runDir.resolve("jepsen.log"));
        log.accept("run " + runDir.getFileName() + ": workload " + options.workload() + ", nemesis "
                + options.nemesis() + ", " + options.nodes() + " nodes, " + options.time().toSeconds() + " s, rate "
                + options.rate() + "/s, seed " + options.seed() + (swept > 0 ? " (removed " + swept
                + " leftovers of dead runs)" : ""));

        HistoryRecorder recorder;
        int faults;
        int finalFailed = 0;
        List<String> harnessErrors = new ArrayList<>();
        Workload workload;
        try (HistoryWriter history = HistoryWriter.open(runDir.resolve("history.jsonl"));
             PopCluster cluster = PopCluster.start(clusterName(runDir),
                     ClusterSpec.of(options.nodes(), serverJar, options.unsafeLocalReads()), runDir, READY_TIMEOUT,
                     log)) {
            recorder = new HistoryRecorder(history::append);
            List<String> members = cluster.nodes().stream().map(PopNode::id).toList();
            workload = Workloads.create(options.workload(), new WorkloadOptions(members, options.readRouting(),
                    options.keys(), options.opsPerKey(), options.readFraction()), options.checkBudget());
            try (PopClient client = PopClient.builder().endpoints(cluster.endpoints()).timeout(options.opTimeout())
                    .build()) {
                WorkloadDriver driver = new WorkloadDriver(workload, client, recorder, options.concurrency(),
                        new RateLimiter(options.rate()), options.seed());
                NemesisSchedule schedule = new NemesisSchedule(Nemeses.create(options.nemesis(), cluster), cluster,
                        recorder, options.interval(), options.seed(), log);
                log.accept("clients running (" + options.concurrency() + " logical clients, reads "
                        + options.readRouting().name().toLowerCase() + ")");
                driver.start();
                schedule.start();
                Thread.sleep(options.time().toMillis());
                driver.stop(options.opTimeout().plusSeconds(3));
                schedule.stop();
                log.accept("clients stopped after " + recorder.history().size() + " operations; healing");
                List<String> crashed = schedule.healAll();
                if (!crashed.isEmpty()) {
                    harnessErrors.add("members exited on their own: " + crashed + " (see their logs)");
                }
                faults = schedule.faults();
                try {
                    log.accept("healed: " + PopCluster.describe(cluster.awaitHealthy(HEAL_TIMEOUT)));
                } catch (IllegalStateException e) {
                    harnessErrors.add(e.getMessage());
                    log.accept(e.getMessage());
                }
                finalFailed = driver.runFinal(FINAL_TIMEOUT);
                log.accept("final reads done" + (finalFailed > 0 ? ": " + finalFailed + " never succeeded" : ""));
                driver.crashes().forEach(e -> harnessErrors.add("client thread crashed: " + e));
            }
        }
        log.accept("cluster removed; checking " + recorder.history().size() + " history entries");
        List<Op> ops = recorder.history();
        long checkStart = System.nanoTime();
        CheckReport report = CheckReport.check(ops, workload.checkers());
        long checkMillis = (System.nanoTime() - checkStart) / 1_000_000;
        if (finalFailed > 0) {
            harnessErrors.add(finalFailed + " final reads never succeeded");
        }
        RunOutcome outcome = new RunOutcome(runDir, report, (System.nanoTime() - started) / 1_000_000, checkMillis,
                faults, finalFailed, harnessErrors.isEmpty() ? null : String.join("; ", harnessErrors));
        RunResults.write(runDir.resolve("results.json"), options, outcome);
        LatencyPlot.write(runDir.resolve("latency.png"), ops, runDir.getFileName() + "  "
                + RunSummary.verdict(outcome));
        out.print(RunSummary.of(options, outcome));
        return outcome;
    }

    /** Docker names allow [A-Za-z0-9_.-] only. */
    private static String clusterName(Path runDir) {
        return "pop-jepsen-" + runDir.getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "-");
    }

    private Path createRunDir() throws IOException {
        String name = options.name() != null ? options.name()
                : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + options.workload() + "-" + options.nemesis().replace(',', '+');
        Path base = RepoPaths.runsDir();
        Path dir = base.resolve(name);
        for (int i = 2; Files.exists(dir); i++) {
            dir = base.resolve(name + "-" + i);
        }
        Files.createDirectories(dir);
        Path latest = base.resolve("latest");
        try {
            Files.deleteIfExists(latest);
            Files.createSymbolicLink(latest, dir.getFileName());
        } catch (IOException | UnsupportedOperationException e) {
            // a convenience only
        }
        return dir;
    }
}
