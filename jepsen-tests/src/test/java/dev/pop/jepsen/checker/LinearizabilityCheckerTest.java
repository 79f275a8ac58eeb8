package dev.pop.jepsen.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.history.HistoryBuilder;
import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.history.OpType;
import dev.pop.jepsen.model.RegisterModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
    private final LinearizabilityChecker<RegisterModel.State> checker = LinearizabilityChecker.forRegisters();
    private final HistoryBuilder h = new HistoryBuilder();

    private LinearizabilityResult check() {
        return checker.analyze(h.build());
    }

    @Test
    void staleReadAfterACompletedWriteIsInvalidAndExplained() {
        h.write(1, "k1", "1", 0, 10);
        Op second = h.write(2, "k1", "2", 20, 30);
        Op stale = h.read(3, "k1", "1", 40, 50);
        LinearizabilityResult r = check();
        assertEquals(Validity.INVALID, r.validity());
        PartitionResult p = r.invalid().get(0);
        assertEquals("k1", p.key());
        assertEquals(stale, p.blocked());
        assertEquals(2, p.prefix().size());
        assertTrue(p.window().contains(second) && p.window().contains(stale), p.window().toString());
        assertTrue(p.description().startsWith("read of k1 returned \"1\" (process 3, 0.040s..0.050s), but the only "
                + "values it could see were \"2\" (write of \"2\" to k1 acknowledged"), p.description());
        CheckResult c = r.toCheckResult("linearizable");
        assertEquals("nonlinearizable", c.anomalies().get(0).kind());
    }

    @Test
    void lostWriteIsInvalid() {
        h.write(1, "k1", "1", 0, 10);
        h.read(2, "k1", null, 20, 30);
        LinearizabilityResult r = check();
        assertEquals(Validity.INVALID, r.validity());
        assertTrue(r.invalid().get(0).description().contains("the only values it could see were \"1\""),
                r.invalid().get(0).description());
    }

    @Test
    void readConcurrentWithAWriteMaySeeEitherValue() {
        h.write(1, "k1", "1", 0, 10);
        h.write(2, "k1", "2", 20, 40);
        h.read(3, "k1", "1", 25, 35);
        h.read(4, "k1", "2", 26, 36);
        h.read(5, "k1", "2", 50, 60);
        assertEquals(Validity.VALID, check().validity());
    }

    @Test
    void readsConcurrentWithAWriteCannotGoBackInTime() {
        h.write(1, "k1", "1", 0, 10);
        h.write(2, "k1", "2", 20, 60);
        h.read(3, "k1", "2", 25, 30);
        h.read(4, "k1", "1", 35, 40); // begins after a read already saw "2"
        assertEquals(Validity.INVALID, check().validity());
    }

    @Test
    void infoWriteMayTakeEffectAfterItsClientGaveUp() {
        h.write(1, "k1", "1", 0, 10);
        h.info(2, "write", "k1", "2", 20, 30);
        h.read(3, "k1", "1", 40, 50);
        h.read(3, "k1", "2", 60, 70);
        assertEquals(Validity.VALID, check().validity());
    }

    @Test
    void infoWriteMayNeverTakeEffect() {
        h.write(1, "k1", "1", 0, 10);
        h.info(2, "write", "k1", "2", 20, 30);
        h.read(3, "k1", "1", 40, 50);
        h.read(3, "k1", "1", 60, 70);
        assertEquals(Validity.VALID, check().validity());
    }

    @Test
    void infoWriteTakesEffectAtMostOnce() {
        h.write(1, "k1", "1", 0, 10);
        h.info(2, "write", "k1", "2", 20, 30);
        h.read(3, "k1", "2", 40, 50);
        h.read(3, "k1", "1", 60, 70);
        assertEquals(Validity.INVALID, check().validity());
    }

    @Test
    void neverCompletedOperationsCountAsUnknown() {
        h.write(1, "k1", "1", 0, 10);
        h.add(OpType.INVOKE, 2, "write", "k1", "2", null, 20, 20);
        h.read(3, "k1", "2", 40, 50);
        assertEquals(Validity.VALID, check().validity());
    }

    @Test
    void readOfAValueNeverWrittenIsInvalid() {
        h.write(1, "k1", "1", 0, 10);
        h.info(2, "write", "k1", "2", 20, 30);
        h.read(3, "k1", "7", 40, 50);
        assertEquals(Validity.INVALID, check().validity());
    }

    @Test
    void failedWriteWasNotApplied() {
        h.write(1, "k1", "1", 0, 10);
        h.fail(2, "write", "k1", "2", 20, 30);
        h.read(3, "k1", "2", 40, 50);
        assertEquals(Validity.INVALID, check().validity());
    }

    @Test
    void failedWriteLeavesTheOldValue() {
        h.write(1, "k1", "1", 0, 10);
        h.fail(2, "write", "k1", "2", 20, 30);
        h.read(3, "k1", "1", 40, 50);
        assertEquals(Validity.VALID, check().validity());
    }

    @Test
    void casChainIsValid() {
        h.write(1, "k1", 0, 0, 10);
        h.cas(2, "k1", 0, 1, true, 20, 30);
        h.cas(3, "k1", 1, 2, true, 40, 50);
        h.cas(1, "k1", 1, 3, false, 60, 70);
        h.read(2, "k1", 2, 80, 90);
        assertEquals(Validity.VALID, check().validity());
    }

    @Test
    void casThatShouldHaveMatchedButReturnedFalseIsInvalid() {
        h.write(1, "k1", 0, 0, 10);
        h.cas(2, "k1", 0, 1, false, 20, 30);
        assertEquals(Validity.INVALID, check().validity());
    }

    @Test
    void twoConcurrentCasFromTheSameValueCannotBothSucceed() {
        h.write(1, "k1", 0, 0, 10);
        h.cas(2, "k1", 0, 1, true, 20, 40);
        h.cas(3, "k1", 0, 2, true, 25, 45);
        assertEquals(Validity.INVALID, check().validity());
    }

    @Test
    void concurrentCasOneWinsOneLoses() {
        h.write(1, "k1", 0, 0, 10);
        h.cas(2, "k1", 0, 1, true, 20, 40);
        h.cas(3, "k1", 0, 2, false, 25, 45);
        h.read(1, "k1", 1, 50, 60);
        assertEquals(Validity.VALID, check().validity());
    }

    @Test
    void unknownCasMayHaveApplied() {
        h.write(1, "k1", 0, 0, 10);
        h.info(2, "cas", "k1", List.of(0, 5), 20, 30);
        h.read(3, "k1", 5, 100, 110);
        assertEquals(Validity.VALID, check().validity());
    }

    @Test
    void oneBadKeyIsFoundAmongManyGoodOnes() {
        for (int k = 0; k < 50; k++) {
            String key = "k" + k;
            h.write(1, key, "a", k * 100, k * 100 + 10);
            h.write(2, key, "b", k * 100 + 5, k * 100 + 30);
            h.read(3, key, k == 37 ? "x" : "b", k * 100 + 40, k * 100 + 50);
            h.read(4, key, "b", k * 100 + 41, k * 100 + 55);
        }
        LinearizabilityResult r = check();
        assertEquals(Validity.INVALID, r.validity());
        assertEquals(50, r.partitions().size());
        assertEquals(1, r.invalid().size());
        assertEquals("k37", r.invalid().get(0).key());
    }

    @Test
    void nemesisEventsAndOtherFunctionsAreIgnored() {
        h.write(1, "k1", "1", 0, 10);
        h.ok(Op.NEMESIS, "partition-start", null, Map.of("isolated", "n1"), null, 12, 12);
        h.ok(1, "incr", "c", 1, null, 13, 14);
        h.read(2, "k1", "1", 20, 30);
        LinearizabilityResult r = check();
        assertEquals(Validity.VALID, r.validity());
        assertEquals(2, r.operations());
    }

    /** n concurrent writes, then two reads that no order of them can explain: forces the full 2^n search. */
    private void adversarial(int n) {
        for (int i = 0; i < n; i++) {
            h.write(i, "k", "v" + i, i, 1000 + i);
        }
        h.read(n, "k", "v0", 2000, 2010);
        h.read(n, "k", "v1", 2020, 2030);
    }

    @Test
    void adversarialHistoryIsInvalidWhenTheSearchCanFinish() {
        adversarial(8);
        assertEquals(Validity.INVALID, check().validity());
    }

    @Test
    void searchCutOffByTheTimeBudgetIsUnknownNeverValid() {
        adversarial(40);
        long started = System.nanoTime();
        LinearizabilityResult r = checker.withTimeBudget(Duration.ofMillis(300)).analyze(h.build());
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals(Validity.UNKNOWN, r.validity());
        assertNotEquals(Validity.VALID, r.toCheckResult("linearizable").validity());
        assertTrue(r.unknown().get(0).description().contains("time budget"), r.unknown().get(0).description());
        assertTrue(ms < 5_000, "stopped near its budget, took " + ms + " ms");
    }

    @Test
    void searchCutOffByTheMemoLimitIsUnknown() {
        adversarial(40);
        LinearizabilityResult r = checker.withMaxStates(10_000).analyze(h.build());
        assertEquals(Validity.UNKNOWN, r.validity());
        assertTrue(r.unknown().get(0).description().contains("memo limit"));
    }

    @Test
    void anInvalidKeyOutweighsAnUnknownOne() {
        adversarial(40);
        h.write(1, "other", "1", 0, 10);
        h.read(2, "other", "2", 20, 30);
        LinearizabilityResult r = checker.withTimeBudget(Duration.ofMillis(300)).analyze(h.build());
        assertEquals(Validity.INVALID, r.validity());
        assertEquals(1, r.unknown().size());
    }

    @Test
    void pendingCasThatNeverMatchesDoesNotMultiplyTheSearch() {
        h.write(0, "k", "v0", 0, 1);
        for (int i = 0; i < 30; i++) { // unknown outcome, never applied: each one used to double the search
            h.info(100 + i, "cas", "k", List.of("never", "n" + i), 2 + i, 40);
        }
        for (int j = 1; j <= 100; j++) { // a read concurrent with a write sees the old value: forces backtracking
            long base = 100 + 20L * j;
            h.write(1, "k", "v" + j, base, base + 10);
            h.read(2, "k", "v" + (j - 1), base + 1, base + 11);
        }
        LinearizabilityResult r = checker.withTimeBudget(Duration.ofSeconds(20)).analyze(h.build());
        assertEquals(Validity.VALID, r.validity(), r.partitions().toString());
    }

    @Test
    void emptyHistoryIsValid() {
        assertEquals(Validity.VALID, check().validity());
    }
}
