package dev.pop.jepsen.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.checker.LinearizabilityChecker;
import dev.pop.jepsen.checker.StaleReadValidator;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegisterWorkloadTest {
    private final RegisterWorkload workload = new RegisterWorkload(
            new WorkloadOptions(List.of("n1", "n2", "n3"), ReadRouting.MEMBERS, 2, 50, 0.5), Duration.ofSeconds(5));

    @Test
    void writesAreUniqueAndReadsGoToNamedMembers() {
        SplittableRandom random = new SplittableRandom(3);
        Set<Object> written = new HashSet<>();
        int reads = 0;
        for (int i = 0; i < 500; i++) {
            Operation op = workload.next(i % 10, random);
            if (op.f().equals("write")) {
                assertFalse(op.readOnly());
                assertTrue(written.add(op.value()), "value written twice: " + op.value());
            } else {
                assertTrue(op.readOnly());
                assertTrue(List.of("n1", "n2", "n3").contains(op.extra().get("node")), op.toString());
                reads++;
            }
        }
        assertTrue(reads > 150 && reads < 350, "about half reads: " + reads);
    }

    @Test
    void finalReadsCoverEveryKeyAndTheCheckersAreLinearizabilityAndStaleRead() {
        SplittableRandom random = new SplittableRandom(4);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            used.add(workload.next(0, random).key());
        }
        Set<String> finals = new HashSet<>();
        workload.finalOperations().forEach(op -> finals.add(op.key()));
        assertTrue(finals.containsAll(used));
        assertEquals(List.of(LinearizabilityChecker.class, StaleReadValidator.class),
                workload.checkers().stream().map(Object::getClass).toList());
    }
}
