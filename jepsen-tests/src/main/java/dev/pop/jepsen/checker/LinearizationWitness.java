package dev.pop.jepsen.checker;

import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a {@link LinearizabilitySearch} saw on its way to proving a partition non-linearizable, turned into an
 * explanation in the manner of Knossos' final paths and Porcupine's partial linearizations: the longest
 * linearizable prefix, the operation that could not follow it, and the values that operation could have seen
 * (the states in which the model refused it, each with the operation that produced it).
 */
final class LinearizationWitness<S> {
    /** Refused states kept per operation. */
    private static final int REFUSALS_KEPT = 4;
    /** Operations concurrent with the blocked one kept in the window. */
    private static final int WINDOW_LIMIT = 20;

    private final Model<S> model;
    private final List<Op> ops;
    private final Function<S, Op> producerOf;
    private final Object[][] refusedStates;
    private final Op[][] refusedAfter;
    private final List<Integer> scanRefused = new ArrayList<>();
    private int bestDepth = -1;
    private List<Op> bestPrefix = List.of();
    private int bestBlocked = -1;

    /** @param producerOf the last linearized operation that produced a state on the current path, or null */
    LinearizationWitness(Model<S> model, List<Op> ops, Function<S, Op> producerOf) {
        this.model = model;
        this.ops = ops;
        this.producerOf = producerOf;
        this.refusedStates = new Object[ops.size()][];
        this.refusedAfter = new Op[ops.size()][];
    }

    /** The search restarts its scan of candidates (after linearizing or backtracking). */
    void scanRestarted() {
        scanRefused.clear();
    }

    /** The model refused operation {@code op} in {@code state}. */
    void refused(int op, S state) {
        scanRefused.add(op);
        Object[] states = refusedStates[op];
        if (states == null) {
            states = refusedStates[op] = new Object[REFUSALS_KEPT];
            refusedAfter[op] = new Op[REFUSALS_KEPT];
        }
        for (int i = 0; i < REFUSALS_KEPT; i++) {
            if (states[i] == null) {
                states[i] = state;
                refusedAfter[op][i] = producerOf.apply(state);
                return;
            }
            if (states[i].equals(state)) {
                return;
            }
        }
    }

    /**
     * The scan reached the return of {@code returningOp} with {@code depth} operations linearized, in the order
     * {@code frameCall[0..depth)}. The first dead end at a new depth always follows a full scan from the head, so
     * the operations refused in this scan are all the candidates that could not follow this prefix.
     */
    void deadEnd(int depth, int[] frameCall, int returningOp) {
        if (depth <= bestDepth) {
            return;
        }
        bestDepth = depth;
        List<Op> prefix = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            prefix.add(ops.get(frameCall[i]));
        }
        bestPrefix = prefix;
        bestBlocked = scanRefused.contains(returningOp) || scanRefused.isEmpty() ? returningOp : scanRefused.get(0);
    }

    @SuppressWarnings("unchecked")
    PartitionResult invalid(String key, long configurations, long elapsedNanos) {
        Op blocked = ops.get(bestBlocked);
        List<String> seen = new ArrayList<>();
        List<Op> window = new ArrayList<>();
        Object[] states = refusedStates[bestBlocked];
        for (int i = 0; states != null && i < REFUSALS_KEPT && states[i] != null; i++) {
            Op producer = refusedAfter[bestBlocked][i];
            seen.add(model.describe((S) states[i]) + (producer == null ? " (the initial state)"
                    : " (" + model.describe(producer) + ")"));
            if (producer != null && !window.contains(producer)) {
                window.add(producer);
            }
        }
        for (Op op : bestPrefix) {
            boolean concurrent = op.invokeNanos() <= blocked.effectiveCompleteNanos()
                    && blocked.invokeNanos() <= op.effectiveCompleteNanos();
            if (concurrent && !window.contains(op) && window.size() < WINDOW_LIMIT) {
                window.add(op);
            }
        }
        window.add(blocked);
        window.sort((a, b) -> Long.compare(a.invokeNanos(), b.invokeNanos()));
        String description = model.describe(blocked)
                + (seen.isEmpty() ? ", but no order of the operations before it makes that possible"
                : ", but the only values it could see were " + String.join(", ", seen))
                + "; longest linearizable prefix: " + bestPrefix.size() + " of " + ops.size() + " operations";
        return new PartitionResult(key, Validity.INVALID, ops.size(), configurations, elapsedNanos, bestPrefix,
                blocked, window, description);
    }
}
