package dev.pop.jepsen.runner;

import dev.pop.jepsen.checker.CheckReport;
import dev.pop.jepsen.checker.Validity;
import java.nio.file.Path;

/**
 * What a run produced.
 *
 * @param runDir       {@code jepsen-tests/target/jepsen/<run>}
 * @param report       the checkers' verdict and the op counts and latencies
 * @param wallMillis   the whole run, cluster start to report written
 * @param checkMillis  the checkers alone
 * @param faults       faults the nemeses injected
 * @param finalFailed  final reads that never succeeded
 * @param harnessError what went wrong in the harness itself (client thread crash, unhealthy cluster), or null
 */
public record RunOutcome(Path runDir, CheckReport report, long wallMillis, long checkMillis, int faults,
                         int finalFailed, String harnessError) {
    /** Exit status of {@code bin/pop-jepsen}: 0 valid, 1 invalid (an anomaly), 3 unknown or harness trouble. */
    public int exitCode() {
        if (report.validity() == Validity.INVALID) {
            return 1;
        }
        return report.validity() == Validity.VALID && harnessError == null ? 0 : 3;
    }

    public boolean isValid() {
        return exitCode() == 0;
    }
}
