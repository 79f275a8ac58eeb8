package dev.pop.jepsen.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.history.HistoryBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetValidatorTest {
    private final SetValidator validator = new SetValidator();
    private final HistoryBuilder h = new HistoryBuilder();

    private CheckResult check() {
        return validator.check(h.build());
    }

    private void add(int p, long element, long from, long to) {
        h.ok(p, "add", "s", element, null, from, to);
    }

    private void read(int p, List<Long> elements, long from, long to) {
        h.ok(p, "read", "s", null, elements, from, to);
    }

    @Test
    void acknowledgedAddsInTheFinalReadAndUnknownAddsEitherWayAreValid() {
        add(1, 1, 0, 10);
        add(2, 2, 5, 15);
        h.info(3, "add", "s", 3L, 6, 16);
        h.info(4, "add", "s", 4L, 7, 17);
        h.fail(5, "add", "s", 5L, 8, 18);
        read(1, List.of(1L, 2L, 3L), 100, 110);
        CheckResult r = check();
        assertEquals(Validity.VALID, r.validity(), r.anomalies().toString());
    }

    @Test
    void readConcurrentWithAnAddMayMissIt() {
        add(1, 1, 0, 50);
        read(2, List.of(), 10, 20);
        read(2, List.of(1L), 60, 70);
        assertEquals(Validity.VALID, check().validity());
    }

    @Test
    void acknowledgedAddMissingFromTheFinalReadIsLost() {
        add(1, 1, 0, 10);
        add(2, 2, 5, 15);
        read(1, List.of(1L), 100, 110);
        CheckResult r = check();
        assertEquals(Validity.INVALID, r.validity());
        assertEquals("lost", r.anomalies().get(0).kind());
        assertTrue(r.anomalies().get(0).description().startsWith("2 is missing from set s"),
                r.anomalies().get(0).description());
    }

    @Test
    void elementSeenOnceMustStayEvenIfItsAddWasUnknown() {
        h.info(1, "add", "s", 7L, 0, 10);
        read(2, List.of(7L), 20, 30);
        read(2, List.of(), 40, 50);
        CheckResult r = check();
        assertEquals(List.of("lost"), r.anomalies().stream().map(Anomaly::kind).toList());
    }

    @Test
    void elementNeverAddedIsUnexpected() {
        add(1, 1, 0, 10);
        read(2, List.of(1L, 9L), 20, 30);
        CheckResult r = check();
        assertEquals(List.of("unexpected"), r.anomalies().stream().map(Anomaly::kind).toList());
    }

    @Test
    void elementWhoseAddFailedIsUnexpected() {
        h.fail(1, "add", "s", 1L, 0, 10);
        read(2, List.of(1L), 20, 30);
        CheckResult r = check();
        assertEquals(List.of("unexpected"), r.anomalies().stream().map(Anomaly::kind).toList());
        assertTrue(r.anomalies().get(0).description().contains("failed"));
    }

    @Test
    void elementAddedOnlyAfterTheReadIsUnexpected() {
        read(2, List.of(1L), 0, 10);
        add(1, 1, 20, 30);
        assertEquals(Validity.INVALID, check().validity());
    }

    @Test
    void setsAreCheckedSeparately() {
        h.ok(1, "add", "a", 1L, null, 0, 10);
        h.ok(1, "add", "b", 1L, null, 0, 10);
        h.ok(2, "read", "a", null, List.of(1L), 20, 30);
        h.ok(2, "read", "b", null, List.of(), 20, 30);
        CheckResult r = check();
        assertEquals(1, r.anomalies().size());
        assertEquals("b", r.anomalies().get(0).key());
    }

    @Test
    void withoutASuccessfulReadTheResultIsUnknown() {
        add(1, 1, 0, 10);
        h.fail(2, "read", "s", null, 20, 30);
        assertEquals(Validity.UNKNOWN, check().validity());
    }
}
