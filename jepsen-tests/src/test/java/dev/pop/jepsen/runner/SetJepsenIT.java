package dev.pop.jepsen.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quick profile of the {@code set} workload under partitions and crashes: no acknowledged add may be lost. */
class SetJepsenIT {
    @BeforeAll
    static void docker() {
        JepsenItSupport.requireDocker();
    }

    @Test
    void setUnderPartitionAndKillLosesNothing() throws Exception {
        RunOptions options = RunOptions.of("set", "partition,kill", 3, Duration.ofSeconds(20))
                .withSeed(12).withInterval(Duration.ofSeconds(3)).withName("it-set-partition-kill");
        RunOutcome outcome = JepsenItSupport.run(options);
        assertEquals(0, outcome.exitCode(), () -> "expected a valid run: " + outcome);
        assertTrue(outcome.faults() >= 1, "faults injected: " + outcome.faults());
        long okAdds = JepsenItSupport.ok(outcome, "add");
        assertTrue(okAdds >= 150, "ok adds " + okAdds);
        assertEquals(0, outcome.finalFailed(), "every set got its final read");
    }
}
