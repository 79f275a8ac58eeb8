package dev.pop.jepsen.model;

import dev.pop.jepsen.history.Op;
import java.util.List;
import java.util.Objects;

/**
 * A register per key (partitioned by key): {@code read} returns the value ({@code null} for a missing key),
 * {@code write} sets it, {@code cas} with value {@code [expected, new]} sets it to {@code new} iff it equals
 * {@code expected}.
 *
 * <p>An OK cas with result {@code false} means the compare did not match (state unchanged); an OK cas with
 * result {@code true} or no result means it matched. A FAIL cas never took effect and is not seen by the model.
 * A cas whose outcome is unknown applies if the value matched at its linearization point and is a no-op
 * otherwise.
 */
public final class RegisterModel implements Model<RegisterModel.State> {
    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final String CAS = "cas";

    /** The register's value; {@code null} means the key does not exist. */
    public record State(Object value) {
        @Override
        public String toString() {
            return value == null ? "nothing (key absent)" : Op.render(value);
        }
    }

    private static final State ABSENT = new State(null);

    @Override
    public State init() {
        return ABSENT;
    }

    @Override
    public List<State> step(State state, Op op) {
        switch (op.f()) {
            case READ:
                return op.isUnknown() || Objects.equals(state.value(), op.result()) ? List.of(state) : List.of();
            case WRITE:
                return List.of(new State(op.value()));
            case CAS: {
                List<?> args = casArgs(op);
                boolean matches = Objects.equals(state.value(), args.get(0));
                if (op.isUnknown()) {
                    return List.of(matches ? new State(args.get(1)) : state);
                }
                boolean claimedMatch = !Boolean.FALSE.equals(op.result());
                if (matches != claimedMatch) {
                    return List.of();
                }
                return List.of(matches ? new State(args.get(1)) : state);
            }
            default:
                throw new IllegalArgumentException("register model cannot apply " + op.describe());
        }
    }

    @Override
    public boolean handles(Op op) {
        return !op.isNemesis() && (READ.equals(op.f()) || WRITE.equals(op.f()) || CAS.equals(op.f()));
    }

    @Override
    public boolean isReadOnly(Op op) {
        return READ.equals(op.f()) || CAS.equals(op.f()) && op.isOk() && Boolean.FALSE.equals(op.result());
    }

    @Override
    public String describe(Op op) {
        String key = op.key() == null ? "the register" : op.key();
        String when = " (process " + op.process() + ", " + Op.seconds(op.invokeNanos()) + ".."
                + (op.isUnknown() ? "?" : Op.seconds(op.completeNanos())) + ")";
        return switch (op.f()) {
            case READ -> "read of " + key + " returned " + (op.result() == null ? "nothing" : Op.render(op.result()))
                    + when;
            case WRITE -> "write of " + Op.render(op.value()) + " to " + key + " " + outcome(op) + when;
            case CAS -> "cas of " + key + " from " + Op.render(casArgs(op).get(0)) + " to "
                    + Op.render(casArgs(op).get(1)) + " " + (op.isUnknown() ? "with unknown outcome"
                    : Boolean.FALSE.equals(op.result()) ? "returned false" : "returned true") + when;
            default -> op.describe();
        };
    }

    @Override
    public String describe(State state) {
        return state.toString();
    }

    private static String outcome(Op op) {
        return op.isUnknown() ? "with unknown outcome" : "acknowledged";
    }

    private static List<?> casArgs(Op op) {
        if (op.value() instanceof List<?> args && args.size() == 2) {
            return args;
        }
        throw new IllegalArgumentException("cas value must be [expected, new]: " + op.describe());
    }
}
