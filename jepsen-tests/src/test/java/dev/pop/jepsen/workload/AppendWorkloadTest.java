package dev.pop.jepsen.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.checker.AppendValidator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AppendWorkloadTest {
    private final AppendWorkload workload = new AppendWorkload(
            new WorkloadOptions(List.of("n1", "n2", "n3"), ReadRouting.MEMBERS, 2, 50, 0.5));

    @Test
    void appendsCarryUniqueDataAndAboutOneInFiveIsARead() {
        SplittableRandom random = new SplittableRandom(5);
        Set<Object> data = new HashSet<>();
        Set<String> streams = new HashSet<>();
        int reads = 0;
        for (int i = 0; i < 500; i++) {
            Operation op = workload.next(i % 10, random);
            streams.add(op.key());
            if (op.f().equals(AppendValidator.APPEND)) {
                assertFalse(op.readOnly());
                assertTrue(data.add(op.value()), "data appended twice: " + op.value());
            } else {
                assertEquals(AppendValidator.READ, op.f());
                assertTrue(op.readOnly());
                reads++;
            }
        }
        assertTrue(reads > 60 && reads < 140, "about one read in five: " + reads);
        assertTrue(streams.size() > 2, "streams rotate: " + streams);
    }

    @Test
    void finalReadsCoverEveryStreamAndTheCheckerIsAppend() {
        SplittableRandom random = new SplittableRandom(1);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            used.add(workload.next(0, random).key());
        }
        Set<String> finals = new HashSet<>();
        workload.finalOperations().forEach(op -> finals.add(op.key()));
        assertTrue(finals.containsAll(used), "final reads " + finals + " miss some of " + used);
        assertEquals("append", workload.checkers().get(0).name());
    }
}
