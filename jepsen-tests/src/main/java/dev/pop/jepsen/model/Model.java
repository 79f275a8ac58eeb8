package dev.pop.jepsen.model;

import dev.pop.jepsen.history.Op;
import java.util.List;

/**
 * A sequential specification for the linearizability checker: a pure function from (state, operation with its
 * input and output) to the states the object may be in afterwards, as in Knossos and Porcupine.
 *
 * <p>States must be immutable with value {@code equals}/{@code hashCode}: the search memoizes
 * (linearized operations, state) pairs. {@link #step} is also asked about operations whose outcome is unknown
 * ({@link Op#isUnknown()}, output {@code null}): it returns the states reachable with any output, or none if the
 * operation cannot take effect in that state. That such an operation may never take effect at all is the
 * checker's business, not the model's.
 *
 * @param <S> the state type
 */
public interface Model<S> {

    /** The state before any operation. */
    S init();

    /**
     * The states the object can be in after {@code op} takes effect in {@code state} and produces
     * {@code op.result()}; empty when that output is impossible in that state.
     */
    List<S> step(S state, Op op);

    /** Whether this model covers {@code op}; other operations (e.g. nemesis events) are left out of the check. */
    default boolean handles(Op op) {
        return !op.isNemesis();
    }

    /** The partition (P-compositionality) an operation belongs to; operations of different partitions commute. */
    default String partition(Op op) {
        return op.key();
    }

    /**
     * True when {@code op}, with its recorded output, never changes the state in any state (a read; a cas that
     * returned false). The search linearizes such operations as soon as they are possible instead of branching on
     * them, and drops them when their outcome is unknown, since they then constrain nothing.
     */
    default boolean isReadOnly(Op op) {
        return false;
    }

    /** Describes an operation for an anomaly report, e.g. {@code read of k1 returned "3"}. */
    default String describe(Op op) {
        return op.describe();
    }

    /** Describes a state for an anomaly report, e.g. {@code "4"}. */
    default String describe(S state) {
        return String.valueOf(state);
    }
}
