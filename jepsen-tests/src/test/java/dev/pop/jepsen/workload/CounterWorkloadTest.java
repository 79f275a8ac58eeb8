package dev.pop.jepsen.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.checker.CounterValidator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CounterWorkloadTest {
    private final CounterWorkload workload = new CounterWorkload(
            new WorkloadOptions(List.of("n1", "n2", "n3"), ReadRouting.MEMBERS, 3, 50, 0.5));

    @Test
    void incrementsArePositiveAndSmallAndAboutOneInFourIsARead() {
        SplittableRandom random = new SplittableRandom(9);
        int reads = 0;
        Set<String> counters = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            Operation op = workload.next(i % 5, random);
            counters.add(op.key());
            if (op.f().equals(CounterValidator.READ)) {
                assertTrue(op.readOnly());
                reads++;
            } else {
                assertEquals(CounterValidator.INCR, op.f());
                long delta = (Long) op.value();
                assertTrue(delta >= 1 && delta <= 5, "delta " + delta);
            }
        }
        assertTrue(reads > 60 && reads < 140, "about one read in four: " + reads);
        assertEquals(Set.of("c0", "c1", "c2"), counters);
    }

    @Test
    void finalReadsCoverEveryCounterAndTheCheckerIsCounter() {
        assertEquals(3, workload.finalOperations().size());
        assertTrue(workload.finalOperations().stream().allMatch(op -> op.f().equals(CounterValidator.READ)));
        assertEquals("counter", workload.checkers().get(0).name());
    }
}
