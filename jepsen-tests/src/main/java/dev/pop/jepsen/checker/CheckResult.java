package dev.pop.jepsen.checker;

import java.util.List;

/**
 * What one checker concluded about a history.
 *
 * @param checker   the checker's name, e.g. {@code linearizable}, {@code counter}
 * @param validity  VALID iff no anomaly was found and the check was complete
 * @param anomalies what was found
 * @param note      one line of context: what was checked, or why the verdict is UNKNOWN
 */
public record CheckResult(String checker, Validity validity, List<Anomaly> anomalies, String note) {
    public CheckResult {
        anomalies = List.copyOf(anomalies);
        if (validity == Validity.VALID && !anomalies.isEmpty()) {
            throw new IllegalArgumentException(checker + ": a result with anomalies cannot be valid");
        }
    }

    /** VALID when {@code anomalies} is empty, INVALID otherwise. */
    public static CheckResult of(String checker, List<Anomaly> anomalies, String note) {
        return new CheckResult(checker, anomalies.isEmpty() ? Validity.VALID : Validity.INVALID, anomalies, note);
    }

    public boolean isValid() {
        return validity == Validity.VALID;
    }
}
