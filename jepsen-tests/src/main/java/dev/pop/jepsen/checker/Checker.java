package dev.pop.jepsen.checker;

import dev.pop.jepsen.history.Op;
import java.util.List;
import java.util.function.Predicate;

/**
 * Turns a history into a verdict about one named guarantee (Jepsen's checker role). Checkers are pure: they
 * ignore operations of functions they do not know, including nemesis events, and never mutate the history.
 * A checker may throw on an operation of a function it knows but whose value is malformed.
 */
public interface Checker {

    /** Short name used in reports, e.g. {@code linearizable}, {@code set}, {@code lock}. */
    String name();

    CheckResult check(List<Op> history);

    /**
     * This checker applied only to the operations {@code scope} accepts, for histories that mix workloads whose
     * functions share names (a register {@code read} and a set {@code read}).
     */
    default Checker restrictedTo(Predicate<Op> scope) {
        Checker inner = this;
        return new Checker() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public CheckResult check(List<Op> history) {
                return inner.check(history.stream().filter(scope).toList());
            }
        };
    }
}
