package dev.pop.jepsen.checker;

import dev.pop.jepsen.history.Op;
import java.util.List;

/**
 * The linearizability verdict for the operations of one key.
 *
 * @param key            the partition's key
 * @param validity       VALID, INVALID, or UNKNOWN when the search was cut off
 * @param operations     how many operations were searched (OK and unknown-outcome; FAIL ones are dropped)
 * @param statesExplored distinct (linearized set, state) pairs the search visited
 * @param elapsedNanos   time spent on this partition
 * @param prefix         for INVALID: the longest linearizable prefix found, in linearization order
 * @param blocked        for INVALID: the operation that could not be linearized after that prefix
 * @param window         for INVALID: the smallest window that shows the problem: the operations that produced
 *                       the values the blocked op could see, those concurrent with it, and the blocked op
 * @param description    for INVALID: the problem in words; for UNKNOWN: why the search stopped
 */
public record PartitionResult(String key, Validity validity, int operations, long statesExplored,
                              long elapsedNanos, List<Op> prefix, Op blocked, List<Op> window,
                              String description) {
    public PartitionResult {
        prefix = List.copyOf(prefix);
        window = List.copyOf(window);
    }
}
