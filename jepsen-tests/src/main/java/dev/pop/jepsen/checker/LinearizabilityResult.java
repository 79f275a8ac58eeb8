package dev.pop.jepsen.checker;

import java.util.ArrayList;
import java.util.List;

/**
 * The linearizability verdict for a whole history: INVALID if any key is, else UNKNOWN if any key's search was
 * cut off, else VALID.
 *
 * @param validity        the combined verdict
 * @param partitions      one result per key, in key order
 * @param operations      operations searched (after dropping FAIL ones and unknown-outcome reads)
 * @param elapsedNanos    wall time of the whole check
 */
public record LinearizabilityResult(Validity validity, List<PartitionResult> partitions, int operations,
                                    long elapsedNanos) {
    public LinearizabilityResult {
        partitions = List.copyOf(partitions);
    }

    public List<PartitionResult> invalid() {
        return partitions.stream().filter(p -> p.validity() == Validity.INVALID).toList();
    }

    public List<PartitionResult> unknown() {
        return partitions.stream().filter(p -> p.validity() == Validity.UNKNOWN).toList();
    }

    /** As a {@link CheckResult}: one {@code nonlinearizable} anomaly per invalid key; unknown keys in the note. */
    public CheckResult toCheckResult(String checker) {
        List<Anomaly> anomalies = new ArrayList<>();
        for (PartitionResult p : invalid()) {
            anomalies.add(new Anomaly(checker, "nonlinearizable", p.key(), p.description(), p.window()));
        }
        StringBuilder note = new StringBuilder(String.format(java.util.Locale.ROOT,
                "%d operations over %d keys checked in %d ms", operations, partitions.size(),
                elapsedNanos / 1_000_000));
        for (PartitionResult p : unknown()) {
            note.append("; key ").append(p.key()).append(" unknown: ").append(p.description());
        }
        return new CheckResult(checker, validity, anomalies, note.toString());
    }
}
