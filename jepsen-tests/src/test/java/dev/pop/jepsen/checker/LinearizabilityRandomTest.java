package dev.pop.jepsen.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.model.RegisterModel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Histories of a simulated linearizable register must pass; the same histories with one stale read must not. */
class LinearizabilityRandomTest {
    private final LinearizabilityChecker<RegisterModel.State> checker = LinearizabilityChecker.forRegisters();

    @Test
    void simulatedRegisterHistoriesAreValidAndAnInjectedStaleReadIsCaught() {
        int injected = 0;
        int overlapping = 0;
        for (long s = 1; s <= 300; s++) {
            long seed = s;
            Random random = new Random(seed);
            int processes = 2 + random.nextInt(7);
            List<Op> history = new RegisterSimulation(seed, processes, 1 + random.nextInt(3), 0.05, 0.05)
                    .run(25 + random.nextInt(20));
            overlapping += concurrentPairs(history) > 0 ? 1 : 0;
            LinearizabilityResult valid = checker.analyze(history);
            assertEquals(Validity.VALID, valid.validity(), () -> "seed " + seed + ": " + valid.invalid());

            List<Op> stale = RegisterSimulation.withStaleRead(history, random);
            if (stale == null) {
                continue;
            }
            injected++;
            LinearizabilityResult invalid = checker.analyze(stale);
            assertEquals(Validity.INVALID, invalid.validity(), "seed " + seed + " with a stale read");
            assertEquals(1, invalid.invalid().size(), "only the key with the stale read, seed " + seed);
        }
        assertTrue(injected > 250, "stale reads injected into " + injected + " of 300 histories");
        assertTrue(overlapping > 250, "histories with concurrency: " + overlapping);
    }

    private static int concurrentPairs(List<Op> history) {
        int pairs = 0;
        for (int i = 0; i + 1 < history.size(); i++) {
            Op a = history.get(i);
            Op b = history.get(i + 1); // sorted by invoke
            if (b.invokeNanos() < a.effectiveCompleteNanos() && a.key().equals(b.key())) {
                pairs++;
            }
        }
        return pairs;
    }

    @Test
    void simulatorCanBeReproduced() {
        List<Op> a = new RegisterSimulation(42, 5, 2, 0.05, 0.05).run(50);
        List<Op> b = new RegisterSimulation(42, 5, 2, 0.05, 0.05).run(50);
        assertNotNull(a);
        assertEquals(a, b);
    }
}
