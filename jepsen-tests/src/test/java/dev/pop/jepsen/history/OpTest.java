package dev.pop.jepsen.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpTest {

    @Test
    void integersAreWidenedSoValuesCompareAfterJson() {
        Op op = new Op(1, 2, OpType.OK, "cas", "k", List.of(1, 2), true, 10, 20, null, Map.of("node", 3));
        assertEquals(List.of(1L, 2L), op.value());
        assertEquals(Map.of("node", 3L), op.extra());
    }

    @Test
    void nullsInsideListsAreKept() {
        Op op = new Op(1, 2, OpType.OK, "cas", "k", Arrays.asList(null, "a"), null, 10, 20, null, null);
        assertEquals(Arrays.asList(null, "a"), op.value());
        assertTrue(op.extra().isEmpty());
    }

    @Test
    void completionBeforeInvokeIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new Op(1, 2, OpType.OK, "read", "k", null, null, 20, 10, null, null));
    }

    @Test
    void unknownOutcomesCompleteAtInfinityForTheChecker() {
        Op info = new Op(1, 2, OpType.INFO, "write", "k", "v", null, 10, 20, "timeout", null);
        Op open = new Op(2, 2, OpType.INVOKE, "write", "k", "v", null, 10, 99, null, null);
        assertEquals(Long.MAX_VALUE, info.effectiveCompleteNanos());
        assertEquals(Op.NOT_COMPLETED, open.completeNanos());
        assertTrue(open.isUnknown());
    }

    @Test
    void nonJsonValuesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new Op(1, 2, OpType.OK, "write", "k", new Object(), null, 10, 20, null, null));
    }
}
