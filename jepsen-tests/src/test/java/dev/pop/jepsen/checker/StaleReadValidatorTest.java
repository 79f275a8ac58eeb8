package dev.pop.jepsen.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.history.HistoryBuilder;
import dev.pop.jepsen.history.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleReadValidatorTest {
    private final HistoryBuilder h = new HistoryBuilder();

    private CheckResult check() {
        return new StaleReadValidator().check(h.build());
    }

    @Test
    void readsOfTheLatestOrOfAConcurrentWriteAreValid() {
        h.write(1, "k", 1L, 0, 10);
        h.read(2, "k", 1L, 20, 30);
        h.write(1, "k", 2L, 40, 100);
        h.read(2, "k", 1L, 50, 60); // concurrent with the write of 2: may see 1
        h.read(3, "k", 2L, 70, 80); // ... or 2
        h.read(2, "k", 2L, 110, 120);
        CheckResult r = check();
        assertEquals(Validity.VALID, r.validity(), r.anomalies().toString());
    }

    @Test
    void readOfAnOverwrittenValueIsAStaleReadWithItsSmallestWindow() {
        Op w1 = h.write(1, "k", 1L, 0, 10);
        Op w2 = h.write(1, "k", 2L, 20, 30);
        h.read(2, "k", 2L, 31, 35);
        Op stale = h.read(3, "k", 1L, 40, 50);
        CheckResult r = check();
        assertEquals(Validity.INVALID, r.validity());
        Anomaly a = r.anomalies().get(0);
        assertEquals("stale-read", a.kind());
        assertEquals(List.of(w1, w2, stale), a.ops());
        assertTrue(a.description().startsWith("stale read: read of k"), a.description());
    }

    @Test
    void aReadThatSawANewerValueMakesLaterReadsOfOlderOnesStale() {
        h.write(1, "k", 1L, 0, 10);
        Op w2 = h.info(1, "write", "k", 2L, 20, 1000); // outcome unknown, but a read saw it
        Op saw = h.read(2, "k", 2L, 30, 40);
        Op stale = h.read(3, "k", 1L, 50, 60);
        CheckResult r = check();
        assertEquals(Validity.INVALID, r.validity());
        assertTrue(r.anomalies().get(0).ops().containsAll(List.of(w2, saw, stale)));
    }

    @Test
    void readingNothingAfterAnAcknowledgedWriteIsStale() {
        h.write(1, "k", 1L, 0, 10);
        h.read(2, "k", null, 20, 30);
        assertEquals("stale-read", check().anomalies().get(0).kind());
    }

    @Test
    void aValueWhoseWriteMayStillLandIsNotStale() {
        h.info(1, "write", "k", 1L, 0, 10);
        h.write(2, "k", 2L, 20, 30);
        h.read(3, "k", 1L, 40, 50); // the write of 1 may have taken effect after the write of 2
        CheckResult r = check();
        assertEquals(Validity.VALID, r.validity(), r.anomalies().toString());
    }

    @Test
    void phantomAndAbortedReadsAreNamed() {
        h.fail(1, "write", "k", 7L, 0, 10);
        h.read(2, "k", 7L, 20, 30);
        h.read(2, "j", 9L, 20, 30);
        List<String> kinds = check().anomalies().stream().map(Anomaly::kind).sorted().toList();
        assertEquals(List.of("aborted-read", "phantom-read"), kinds);
    }

    @Test
    void keysWithRepeatedValuesAreSkippedNotJudged() {
        h.write(1, "k", 1L, 0, 10);
        h.write(1, "k", 2L, 20, 30);
        h.write(1, "k", 1L, 40, 50);
        h.read(2, "k", 1L, 60, 70);
        CheckResult r = check();
        assertEquals(Validity.VALID, r.validity());
        assertTrue(r.note().contains("skipped"), r.note());
    }

    @Test
    void theLinearizabilityCheckerAgreesOnAStaleRead() {
        h.write(1, "k", 1L, 0, 10);
        h.write(1, "k", 2L, 20, 30);
        h.read(3, "k", 1L, 40, 50);
        assertEquals(Validity.INVALID, LinearizabilityChecker.forRegisters().check(h.build()).validity());
        assertEquals(Validity.INVALID, check().validity());
    }
}
