package dev.pop.jepsen.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.history.OpType;
import dev.pop.jepsen.model.RegisterModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The search's pruning (memo, subsumption of unknown-outcome operations, forced read-only steps) must not change
 * its verdict: compare it with a plain enumeration of every order on thousands of tiny random histories, with
 * repeated values, ties in time, cas and all three outcomes.
 */
class LinearizabilityOracleTest {
    private final RegisterModel model = new RegisterModel();
    private final LinearizabilityChecker<RegisterModel.State> checker = LinearizabilityChecker.forRegisters();

    @Test
    void searchAgreesWithExhaustiveEnumeration() {
        int valid = 0;
        int invalid = 0;
        for (long seed = 1; seed <= 4000; seed++) {
            List<Op> history = randomHistory(new Random(seed));
            List<Op> searched = history.stream()
                    .filter(o -> !o.isFail() && !(o.isUnknown() && model.isReadOnly(o))).toList();
            boolean expected = linearizable(searched, new boolean[searched.size()], model.init());
            Validity actual = checker.analyze(history).validity();
            assertEquals(expected ? Validity.VALID : Validity.INVALID, actual, "seed " + seed + ": " + history);
            if (expected) {
                valid++;
            } else {
                invalid++;
            }
        }
        assertTrue(valid > 500 && invalid > 500, "a mix of verdicts: " + valid + " valid, " + invalid + " invalid");
    }

    private List<Op> randomHistory(Random random) {
        int size = 2 + random.nextInt(7);
        List<Op> ops = new ArrayList<>();
        Object[] values = {null, 1L, 2L, 3L};
        for (int i = 0; i < size; i++) {
            long invoke = random.nextInt(12);
            long complete = invoke + random.nextInt(6);
            int kind = random.nextInt(3);
            OpType type = switch (random.nextInt(8)) {
                case 0 -> OpType.FAIL;
                case 1, 2 -> OpType.INFO;
                default -> OpType.OK;
            };
            String f = kind == 0 ? "read" : kind == 1 ? "write" : "cas";
            Object value = switch (f) {
                case "read" -> null;
                case "write" -> 1L + random.nextInt(3);
                default -> Arrays.asList(values[random.nextInt(4)], 1L + random.nextInt(3));
            };
            Object result = type != OpType.OK ? null
                    : f.equals("read") ? values[random.nextInt(4)] : f.equals("cas") ? random.nextBoolean() : null;
            ops.add(new Op(i, i, type, f, "k", value, result, invoke, complete, null, null));
        }
        return ops;
    }

    /** Plain backtracking over every order that respects real time; unknown-outcome ops may be left out. */
    private boolean linearizable(List<Op> ops, boolean[] done, RegisterModel.State state) {
        boolean allDefiniteDone = true;
        for (int i = 0; i < ops.size(); i++) {
            allDefiniteDone &= done[i] || ops.get(i).isUnknown();
        }
        if (allDefiniteDone) {
            return true;
        }
        for (int i = 0; i < ops.size(); i++) {
            if (done[i] || !minimal(ops, done, i)) {
                continue;
            }
            for (RegisterModel.State next : model.step(state, ops.get(i))) {
                done[i] = true;
                boolean ok = linearizable(ops, done, next);
                done[i] = false;
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    /** No other pending op completed strictly before op i was invoked. */
    private static boolean minimal(List<Op> ops, boolean[] done, int i) {
        for (int j = 0; j < ops.size(); j++) {
            if (!done[j] && j != i && ops.get(j).effectiveCompleteNanos() < ops.get(i).invokeNanos()) {
                return false;
            }
        }
        return true;
    }
}
