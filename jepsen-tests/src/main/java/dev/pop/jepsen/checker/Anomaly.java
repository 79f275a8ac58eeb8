package dev.pop.jepsen.checker;

import dev.pop.jepsen.history.Op;
import java.util.List;

/**
 * One violation of a named guarantee.
 *
 * @param validator   the checker that found it, e.g. {@code linearizable}, {@code set}
 * @param kind        the guarantee broken, e.g. {@code lost}, {@code double-grant}, {@code gap}
 * @param key         the key, set, lock, resource or stream concerned (null when there is only one)
 * @param description what happened, in words, with times, e.g. {@code read of k1 returned "3" but ...}
 * @param ops         the operations that show it, smallest useful window first
 */
public record Anomaly(String validator, String kind, String key, String description, List<Op> ops) {
    public Anomaly {
        ops = List.copyOf(ops);
    }
}
