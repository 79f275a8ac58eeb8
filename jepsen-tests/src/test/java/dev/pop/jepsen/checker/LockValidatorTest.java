package dev.pop.jepsen.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.history.HistoryBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockValidatorTest {
    private final LockValidator validator = new LockValidator();
    private final HistoryBuilder h = new HistoryBuilder();

    private void acquire(int p, long fence, long from, long to) {
        h.ok(p, "acquire", "L", null, fence, from, to);
    }

    private void release(int p, long fence, long from, long to) {
        h.ok(p, "release", "L", fence, null, from, to);
    }

    private void write(int p, long fence, boolean accepted, long from, long to) {
        if (accepted) {
            h.ok(p, "write", "disk", fence, null, from, to);
        } else {
            h.fail(p, "write", "disk", fence, from, to);
        }
    }

    private List<String> kinds() {
        return validator.check(h.build()).anomalies().stream().map(Anomaly::kind).toList();
    }

    @Test
    void successiveHoldersWithIncreasingFencesAreValid() {
        acquire(1, 1, 0, 10);
        write(1, 1, true, 11, 15);
        release(1, 1, 20, 25);
        h.info(3, "acquire", "L", null, 21, 40);   // may have been granted a fence nobody used
        acquire(2, 3, 22, 30);
        write(2, 3, true, 31, 35);
        write(1, 1, false, 36, 38);                // the old holder, refused: as it should be
        release(2, 3, 40, 45);
        CheckResult r = validator.check(h.build());
        assertEquals(Validity.VALID, r.validity(), r.anomalies().toString());
    }

    @Test
    void overlappingCriticalSectionsAreADoubleGrant() {
        acquire(1, 1, 0, 10);
        acquire(2, 2, 5, 15);
        release(1, 1, 20, 25);
        release(2, 2, 30, 35);
        assertEquals(List.of("double-grant"), kinds());
        assertTrue(validator.check(h.build()).anomalies().get(0).description()
                .contains("while process 1 held it with fence 1"));
    }

    @Test
    void aHolderThatNeverReleasesHoldsUntilItsLastWrite() {
        acquire(1, 1, 0, 10);
        write(1, 1, true, 40, 50);
        acquire(2, 2, 20, 30);
        assertEquals(List.of("double-grant"), kinds());
    }

    @Test
    void lostLeaseEndsTheCriticalSection() {
        acquire(1, 1, 0, 10);
        h.ok(1, "lease-lost", "L", null, null, 18, 18);
        acquire(2, 2, 20, 30);
        assertEquals(List.of(), kinds());
    }

    @Test
    void aLaterGrantWithALowerFenceIsNotIncreasing() {
        acquire(1, 5, 0, 10);
        release(1, 5, 11, 12);
        acquire(2, 4, 20, 30);
        assertEquals(List.of("fence-not-increasing"), kinds());
    }

    @Test
    void aReusedFenceIsNotIncreasing() {
        acquire(1, 5, 0, 10);
        release(1, 5, 11, 12);
        acquire(2, 5, 20, 30);
        assertEquals(List.of("fence-not-increasing"), kinds());
    }

    @Test
    void aResourceAcceptingAnOlderFenceAfterANewerOneIsStale() {
        write(1, 4, true, 0, 10);
        write(2, 3, true, 20, 30);
        assertEquals(List.of("stale-fence-accepted"), kinds());
    }

    @Test
    void concurrentFencedWritesMayLandInEitherOrder() {
        write(1, 4, true, 0, 30);
        write(2, 3, true, 10, 40);   // begun before fence 4's write was acknowledged
        write(3, 5, true, 50, 60);
        assertEquals(List.of(), kinds());
    }
}
