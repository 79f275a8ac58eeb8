package dev.pop.jepsen.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pop.jepsen.checker.ResultsFile;
import dev.pop.jepsen.cluster.DockerEnvironment;
import dev.pop.jepsen.cluster.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/** Shared by the end-to-end runs: Docker or a clear skip, the run itself, and what every run must leave behind. */
final class JepsenItSupport {
    private JepsenItSupport() {
    }

    /** Starts Docker if needed (bin/pop-jepsen --ensure-docker); skips, saying why, only if that is impossible. */
    static void requireDocker() {
        String problem = DockerEnvironment.ensureEngine(RepoPaths.repoRoot());
        Assumptions.assumeTrue(problem == null, "SKIPPED: no Docker engine could be started: " + problem);
        RepoPaths.serverJar(); // fails (not skips) with the build command if the jar is missing
    }

    static RunOutcome run(RunOptions options) throws Exception {
        RunOutcome outcome = new JepsenRun(options, System.out).execute();
        assertArtifacts(outcome.runDir(), options.nodes());
        assertNothingLeftRunning();
        return outcome;
    }

    static JsonNode results(RunOutcome outcome) throws Exception {
        return ResultsFile.read(outcome.runDir().resolve(ResultsFile.NAME));
    }

    /** Ops of one function that ended ok, from results.json. */
    static long ok(RunOutcome outcome, String f) throws Exception {
        return results(outcome).path("opCounts").path(f).path("ok").asLong();
    }

    private static void assertArtifacts(Path runDir, int nodes) throws Exception {
        for (String f : List.of("history.jsonl", "results.json", "latency.png", "jepsen.log")) {
            assertTrue(Files.size(runDir.resolve(f)) > 0, f + " written in " + runDir);
        }
        for (int k = 1; k <= nodes; k++) {
            assertTrue(Files.readString(runDir.resolve("n" + k + ".log")).contains("pop-jepsen: starting n" + k),
                    "n" + k + ".log holds the member's log");
        }
    }

    /** Every container and network this JVM created is gone. */
    private static void assertNothingLeftRunning() {
        String pid = String.valueOf(ProcessHandle.current().pid());
        var docker = DockerClientFactory.instance().client();
        long containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of(DockerEnvironment.OWNER_LABEL, pid)).exec().size();
        long networks = docker.listNetworksCmd().exec().stream()
                .filter(n -> n.getLabels() != null && pid.equals(n.getLabels().get(DockerEnvironment.OWNER_LABEL)))
                .count();
        assertEquals(0, containers, "containers left behind");
        assertEquals(0, networks, "networks left behind");
    }
}
