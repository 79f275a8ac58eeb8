package dev.pop.jepsen.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.history.HistoryBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class CounterValidatorTest {
    private final CounterValidator validator = new CounterValidator();
    private final HistoryBuilder h = new HistoryBuilder();

    private void incr(int p, long delta, long from, long to) {
        h.ok(p, "incr", "c", delta, null, from, to);
    }

    private void read(int p, long value, long from, long to) {
        h.ok(p, "read", "c", null, value, from, to);
    }

    @Test
    void readsWithinTheirBoundsAreValid() {
        incr(1, 1, 0, 10);
        incr(2, 1, 5, 40);            // concurrent with the first read
        h.info(3, "incr", "c", 5L, 6, 12);  // may apply at any time, or never
        h.fail(4, "incr", "c", 100L, 7, 13);
        read(5, 1, 20, 30);
        read(5, 2, 31, 35);
        read(5, 7, 50, 60);           // the unknown increment applied
        read(5, 7, 61, 65);
        CheckResult r = validator.check(h.build());
        assertEquals(Validity.VALID, r.validity(), r.anomalies().toString());
    }

    @Test
    void readBelowAnEarlierReadWentBackwards() {
        incr(1, 1, 0, 10);
        h.info(2, "incr", "c", 5L, 11, 20);
        read(5, 6, 30, 40);           // the unknown increment applied ...
        read(5, 1, 50, 60);           // ... and then un-applied: within bounds, but impossible
        CheckResult r = validator.check(h.build());
        assertEquals(List.of("read-went-backwards"), r.anomalies().stream().map(Anomaly::kind).toList());
    }

    @Test
    void readBelowTheAcknowledgedIncrementsIsOutOfBounds() {
        incr(1, 1, 0, 10);
        incr(2, 1, 11, 20);
        read(3, 1, 30, 40);
        CheckResult r = validator.check(h.build());
        assertEquals("read-out-of-bounds", r.anomalies().get(0).kind());
        assertTrue(r.anomalies().get(0).description().contains("must lie in [2, 2]"),
                r.anomalies().get(0).description());
    }

    @Test
    void readCountingAFailedIncrementIsOutOfBounds() {
        incr(1, 1, 0, 10);
        h.fail(2, "incr", "c", 5L, 11, 20);
        read(3, 6, 30, 40);
        assertEquals(Validity.INVALID, validator.check(h.build()).validity());
    }

    @Test
    void readCannotIncludeIncrementsInvokedAfterItCompleted() {
        read(3, 1, 0, 10);
        incr(1, 1, 20, 30);
        assertEquals(Validity.INVALID, validator.check(h.build()).validity());
    }

    @Test
    void negativeDeltasWidenTheLowerBound() {
        incr(1, 10, 0, 10);
        h.info(2, "incr", "c", -3L, 20, 30);
        read(3, 7, 40, 50);
        read(3, 10, 51, 60);
        assertEquals(Validity.VALID, validator.check(h.build()).validity());
        read(3, 6, 61, 70);
        CheckResult r = validator.check(h.build());
        assertEquals(1, r.anomalies().size());
        assertTrue(r.anomalies().get(0).description().startsWith("final read"), r.anomalies().get(0).description());
    }
}
