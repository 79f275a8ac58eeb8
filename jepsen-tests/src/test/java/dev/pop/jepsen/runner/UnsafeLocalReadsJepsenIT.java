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
        RunOptions options = RunOptions.of("register", "partition-leader", 3, Duration.ofSeconds(30)).withSeed(13)
                .withInterval(Duration.ofSeconds(3)).withReadRouting(ReadRouting.MEMBERS).withUnsafeLocalReads(true)
                .withName("it-unsafe-local-reads");
        RunOutcome outcome = JepsenItSupport.run(options);
        assertEquals(1, outcome.exitCode(), "the run must be invalid");
        Anomaly stale = outcome.report().anomalies().stream().filter(a -> a.kind().equals("stale-read")).findFirst()
                .orElseThrow(() -> new AssertionError("no stale-read anomaly in " + outcome.report().anomalies()));
        assertTrue(stale.description().startsWith("stale read: read of "), stale.description());
        assertTrue(stale.ops().size() >= 3, "the window shows the writes and the read: " + stale.ops());
        assertTrue(outcome.report().results().stream().anyMatch(r -> r.checker().equals("linearizable")
                && !r.isValid()), "the linearizability checker agrees");
        assertEquals(false, JepsenItSupport.results(outcome).path("valid").asBoolean(true));
    }
}
