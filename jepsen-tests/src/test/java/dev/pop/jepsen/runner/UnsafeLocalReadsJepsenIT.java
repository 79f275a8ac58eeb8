package dev.pop.jepsen.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.checker.Anomaly;
import dev.pop.jepsen.workload.ReadRouting;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests the tester end to end: servers started with {@code --unsafe-local-reads} answer linearizable reads from
 * local state, so a leader cut off from the majority keeps serving the values it had while the new leader
 * accepts writes. Isolating the leader over and over while reads go to every member makes such stale reads all
 * but certain within the run; the harness must report the run invalid and name the stale read.
 */
class UnsafeLocalReadsJepsenIT {
    @BeforeAll
    static void docker() {
        JepsenItSupport.requireDocker();
    }

    @Test
    void staleReadsOfADeposedLeaderAreFoundAndNamed() throws Exception {
        // 20 clients with a 1 s deadline keep reads flowing to the deposed leader while others wait on members
        // that have no leader yet. The stale window of each partition lies between the new leader's first commit
        // (~2 s after the cut) and the old leader's step-down (4 s); on a very busy machine the election can take
        // that long, so a run that saw no window is repeated (another seed), up to three runs in all.
        RunOutcome outcome = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            RunOptions options = RunOptions.of("register", "partition-leader", 3, Duration.ofSeconds(30))
                    .withSeed(13 + attempt).withInterval(Duration.ofSeconds(3)).withReadRouting(ReadRouting.MEMBERS)
                    .withConcurrency(20).withOpTimeout(Duration.ofSeconds(1)).withUnsafeLocalReads(true)
                    .withName("it-unsafe-local-reads");
            outcome = JepsenItSupport.run(options);
            if (outcome.exitCode() == 1) {
                break;
            }
        }
        RunOutcome invalid = outcome;
        assertEquals(1, invalid.exitCode(), "the run must be invalid");
        Anomaly stale = invalid.report().anomalies().stream().filter(a -> a.kind().equals("stale-read")).findFirst()
                .orElseThrow(() -> new AssertionError("no stale-read anomaly in " + invalid.report().anomalies()));
        assertTrue(stale.description().startsWith("stale read: read of "), stale.description());
        assertTrue(stale.ops().size() >= 3, "the window shows the writes and the read: " + stale.ops());
        assertTrue(invalid.report().results().stream().anyMatch(r -> r.checker().equals("linearizable")
                && !r.isValid()), "the linearizability checker agrees");
        assertEquals(false, JepsenItSupport.results(invalid).path("valid").asBoolean(true));
    }
}
