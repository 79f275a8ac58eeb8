package dev.pop.jepsen.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.model.RegisterModel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sanity, not a timed assertion: a 10,000-op, 10-key history with 10 clients checks in a few seconds on 2 cores,
 * with and without operations of unknown outcome.
 */
class LinearizabilityPerformanceTest {
    private final LinearizabilityChecker<RegisterModel.State> checker =
            LinearizabilityChecker.forRegisters().withParallelism(2);

    @Test
    void tenThousandOperationsOverTenKeys() {
        for (double infoRate : new double[] {0.0, 0.01, 0.05}) {
            List<Op> history = new RegisterSimulation(7, 10, 10, 0.02, infoRate).run(1000);
            assertEquals(10_000, history.size());
            LinearizabilityResult r = checker.analyze(history);
            System.out.printf("linearizability: %d ops, 10 keys, 10 clients, info rate %.2f: %s in %d ms (%d states)%n",
                    history.size(), infoRate, r.validity(), r.elapsedNanos() / 1_000_000,
                    r.partitions().stream().mapToLong(PartitionResult::statesExplored).sum());
            assertEquals(Validity.VALID, r.validity());

            List<Op> stale = RegisterSimulation.withStaleRead(history, new Random(3));
            LinearizabilityResult bad = checker.analyze(stale);
            System.out.printf("  with one stale read: %s in %d ms; %s%n", bad.validity(),
                    bad.elapsedNanos() / 1_000_000, bad.invalid().isEmpty() ? "" : bad.invalid().get(0).description());
            assertEquals(Validity.INVALID, bad.validity());
        }
    }
}
