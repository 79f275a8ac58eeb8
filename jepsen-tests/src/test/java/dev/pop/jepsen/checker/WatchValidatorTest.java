package dev.pop.jepsen.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.history.HistoryBuilder;
import dev.pop.jepsen.history.OpType;
import dev.pop.jepsen.history.WatchEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchValidatorTest {
    private final WatchValidator validator = new WatchValidator();
    private final HistoryBuilder h = new HistoryBuilder();

    private static WatchEvent put(long rev, String key, String value) {
        return new WatchEvent(rev, key, WatchEvent.PUT, value);
    }

    private static WatchEvent del(long rev, String key) {
        return new WatchEvent(rev, key, WatchEvent.DELETE, null);
    }

    private void drained(int p, long start, WatchEvent... events) {
        h.ok(p, "watch", "app/", WatchValidator.watchArgs(true, start), WatchEvent.toResult(List.of(events)), 0, 100);
    }

    /** A watcher cut off early: INFO, with the events it did receive (recorder: complete(op, INFO, events, ...)). */
    private void stopped(int p, long start, WatchEvent... events) {
        h.add(OpType.INFO, p, "watch", "app/", WatchValidator.watchArgs(true, start),
                WatchEvent.toResult(List.of(events)), 0, 50);
    }

    private void finalRead(String key, String value) {
        h.read(9, key, value, 200, 210);
    }

    private List<String> kinds() {
        return validator.check(h.build()).anomalies().stream().map(Anomaly::kind).toList();
    }

    @Test
    void watchersAgreeAndMatchTheFinalState() {
        drained(1, 1, put(2, "app/a", "1"), put(3, "app/b", "x"), put(4, "app/a", "2"), put(4, "app/c", "t"),
                del(6, "app/b"));
        drained(2, 3, put(3, "app/b", "x"), put(4, "app/a", "2"), put(4, "app/c", "t"), del(6, "app/b"));
        h.ok(3, "watch", "app/a", WatchValidator.watchArgs(false, 1),
                WatchEvent.toResult(List.of(put(2, "app/a", "1"), put(4, "app/a", "2"))), 0, 100);
        finalRead("app/a", "2");
        finalRead("app/b", null);
        finalRead("app/c", "t");
        CheckResult r = validator.check(h.build());
        assertEquals(Validity.VALID, r.validity(), r.anomalies().toString());
    }

    @Test
    void aWatcherThatStoppedEarlyOnlyAnswersForWhatItSaw() {
        drained(1, 1, put(2, "app/a", "1"), put(3, "app/a", "2"), put(5, "app/a", "3"));
        stopped(2, 1, put(2, "app/a", "1"), put(3, "app/a", "2"));
        finalRead("app/a", "3");
        assertEquals(List.of(), kinds());
    }

    @Test
    void eventsBackwardsInRevisionAreOutOfOrder() {
        drained(1, 1, put(3, "app/a", "2"), put(2, "app/a", "1"));
        assertTrue(kinds().contains("out-of-order"));
    }

    @Test
    void anEventBeforeTheStartRevisionIsOutOfOrder() {
        drained(1, 5, put(3, "app/a", "2"));
        assertEquals(List.of("out-of-order"), kinds());
    }

    @Test
    void theSameEventTwiceIsADuplicate() {
        drained(1, 1, put(2, "app/a", "1"), put(2, "app/a", "1"));
        assertEquals(List.of("duplicate"), kinds());
    }

    @Test
    void anEventOthersSawWithinTheWatchersRangeIsAGap() {
        drained(1, 1, put(2, "app/a", "1"), put(3, "app/b", "x"), put(4, "app/a", "2"));
        drained(2, 1, put(2, "app/a", "1"), put(4, "app/a", "2"));
        List<String> kinds = kinds();
        assertEquals(List.of("gap"), kinds);
        assertTrue(validator.check(h.build()).anomalies().get(0).description().contains("PUT app/b=\"x\" @rev 3"));
    }

    @Test
    void aDrainedWatcherMissingTheLastEventIsAGap() {
        drained(1, 1, put(2, "app/a", "1"), put(3, "app/a", "2"));
        drained(2, 1, put(2, "app/a", "1"));
        assertEquals(List.of("gap"), kinds());
    }

    @Test
    void watchersDisagreeingOnAnEventAreDivergent() {
        drained(1, 1, put(2, "app/a", "1"));
        drained(2, 1, put(2, "app/a", "9"));
        assertEquals(List.of("divergent"), kinds());
    }

    @Test
    void lastEventNotMatchingTheFinalReadIsAMismatch() {
        drained(1, 1, put(2, "app/a", "1"), put(3, "app/a", "2"));
        finalRead("app/a", "3");
        assertEquals(List.of("final-mismatch"), kinds());
    }

    @Test
    void finalValueThatNoWatcherFromTheStartSawIsAMismatch() {
        drained(1, 1, put(2, "app/a", "1"));
        finalRead("app/b", "x");
        assertEquals(List.of("final-mismatch"), kinds());
    }
}
