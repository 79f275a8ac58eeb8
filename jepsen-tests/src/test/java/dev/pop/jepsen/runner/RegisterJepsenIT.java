package dev.pop.jepsen.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quick profile of the {@code register} workload under partitions, crashes and pauses: must be linearizable. */
class RegisterJepsenIT {
    @BeforeAll
    static void docker() {
        JepsenItSupport.requireDocker();
    }

    @Test
    void registerUnderPartitionKillAndPauseIsLinearizable() throws Exception {
        RunOptions options = RunOptions.of("register", "partition,kill,pause", 3, Duration.ofSeconds(30))
                .withSeed(11).withInterval(Duration.ofSeconds(3)).withName("it-register-partition-kill-pause");
        RunOutcome outcome = JepsenItSupport.run(options);
        assertEquals(0, outcome.exitCode(), () -> "expected a valid run: " + outcome);
        assertTrue(outcome.isValid());
        assertTrue(outcome.faults() >= 2, "faults injected: " + outcome.faults());
        long okReads = JepsenItSupport.ok(outcome, "read");
        long okWrites = JepsenItSupport.ok(outcome, "write");
        // a floor that shows the workload ran, not a throughput target: a full restart on a busy 2-core machine
        // can leave the cluster without a leader for 15 s of the 30
        assertTrue(okReads >= 50 && okWrites >= 50 && okReads + okWrites >= 150,
                "ok reads " + okReads + ", ok writes " + okWrites);
        assertEquals(0, outcome.finalFailed());
    }
}
