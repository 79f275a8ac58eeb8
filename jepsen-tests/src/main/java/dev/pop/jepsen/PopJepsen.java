package dev.pop.jepsen;

import dev.pop.jepsen.cluster.DockerEnvironment;
import dev.pop.jepsen.runner.JepsenRun;
import dev.pop.jepsen.runner.RunOptions;
import dev.pop.jepsen.workload.ReadRouting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pop-jepsen}: runs a workload against a real cluster in containers while a nemesis injects faults, then
 * checks the history. Exit status: 0 valid, 1 invalid (an anomaly was found; the summary names it), 2 bad usage,
 * 3 unknown (the checker ran out of time, or the harness had trouble), 4 the run could not be carried out
 * (Docker, server jar, cluster start).
 */
@Command(name = "pop-jepsen", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Jepsen-style test of POP: cluster in containers, workload through the SDK, nemesis faults, "
                + "checkers. Writes jepsen-tests/target/jepsen/<run>/ (history.jsonl, results.json, latency.png, "
                + "nK.log).")
public final class PopJepsen implements Callable<Integer> {
    @Option(names = "--workload", required = true, description = "register | set | append | counter")
    String workload;
    @Option(names = "--nemesis", defaultValue = "none", description = "Comma-separated: partition "
            + "(or partition-halves, partition-leader, partition-ring), kill, pause, clock, all, none. Default: ${DEFAULT-VALUE}.")
    String nemesis;
    @Option(names = "--nodes", defaultValue = "3", description = "Cluster size (3 or 5). Default: ${DEFAULT-VALUE}.")
    int nodes;
    @Option(names = "--time", defaultValue = "60", description = "Seconds the clients run. Default: ${DEFAULT-VALUE}.")
    long seconds;
    @Option(names = "--rate", defaultValue = "100", description = "Operations per second over all clients, 0 for "
            + "no limit. Default: ${DEFAULT-VALUE}.")
    double rate;
    @Option(names = "--seed", description = "Seed of the generators and the nemesis schedule. Default: the time.")
    Long seed;
    @Option(names = "--unsafe-local-reads", description = "Start the servers with the test-only "
            + "--unsafe-local-reads (the run must then be found invalid).")
    boolean unsafeLocalReads;
    @Option(names = "--concurrency", defaultValue = "10", description = "Logical clients. Default: ${DEFAULT-VALUE}.")
    int concurrency;
    @Option(names = "--interval", defaultValue = "5", description = "Nemesis period in seconds: each fault lasts "
            + "1-2 intervals, and so does each quiet period. Default: ${DEFAULT-VALUE}.")
    double interval;
    @Option(names = "--reads", defaultValue = "mixed", description = "Which member answers reads: leader, members "
            + "(a random one per read), mixed. Default: ${DEFAULT-VALUE}.")
    String reads;
    @Option(names = "--read-fraction", defaultValue = "0.5", description = "Share of register operations that "
            + "are reads. Default: ${DEFAULT-VALUE}.")
    double readFraction;
    @Option(names = "--keys", defaultValue = "5", description = "Keys (registers, sets) in use at a time. "
            + "Default: ${DEFAULT-VALUE}.")
    int keys;
    @Option(names = "--ops-per-key", defaultValue = "500", description = "Operations on a key before it is "
            + "replaced by a fresh one. Default: ${DEFAULT-VALUE}.")
    int opsPerKey;
    @Option(names = "--op-timeout", defaultValue = "2", description = "SDK deadline per call, seconds. "
            + "Default: ${DEFAULT-VALUE}.")
    double opTimeout;
    @Option(names = "--check-budget", defaultValue = "60", description = "Seconds the linearizability search may "
            + "take before it reports unknown. Default: ${DEFAULT-VALUE}.")
    long checkBudget;
    @Option(names = "--name", description = "Run directory name. Default: <time>-<workload>-<nemesis>.")
    String name;

    public static void main(String[] args) throws Exception {
        if (DockerEnvironment.missingTestcontainersEnv() != null) {
            System.exit(relaunchWithEnvironment(args));
        }
        System.exit(new CommandLine(new PopJepsen()).execute(args));
    }

    @Override
    public Integer call() {
        RunOptions options;
        try {
            options = new RunOptions(workload, nemesis, nodes, Duration.ofSeconds(seconds), rate,
                    seed != null ? seed : System.currentTimeMillis(), unsafeLocalReads, concurrency,
                    Duration.ofMillis((long) (interval * 1000)), ReadRouting.parse(reads), readFraction, keys, opsPerKey,
                    Duration.ofMillis((long) (opTimeout * 1000)), Duration.ofSeconds(checkBudget), name);
            dev.pop.jepsen.workload.Workloads.create(workload, new dev.pop.jepsen.workload.WorkloadOptions(
                    List.of(), options.readRouting(), keys, opsPerKey, readFraction), options.checkBudget()); // validates
        } catch (IllegalArgumentException e) {
            System.err.println("pop-jepsen: " + e.getMessage());
            return 2;
        }
        try {
            return new JepsenRun(options, System.out).execute().exitCode();
        } catch (Exception e) {
            System.err.println("pop-jepsen: the run could not be carried out: " + e);
            if (System.getenv("POP_JEPSEN_DEBUG") != null) {
                e.printStackTrace();
            }
            return 4;
        }
    }

    /**
     * Testcontainers reads its settings for this machine only from the process environment, so a JVM started
     * without them (plain {@code java -jar}) runs itself again with them.
     */
    private static int relaunchWithEnvironment(String[] args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ProcessHandle.current().info().arguments().map(a -> {
            List<String> jvmAndMain = new ArrayList<>(List.of(a));
            return jvmAndMain.subList(0, Math.max(0, jvmAndMain.size() - args.length));
        }).orElseThrow(() -> new IllegalStateException(DockerEnvironment.missingTestcontainersEnv())));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().putAll(DockerEnvironment.TESTCONTAINERS_ENV);
        return pb.start().waitFor();
    }
}
