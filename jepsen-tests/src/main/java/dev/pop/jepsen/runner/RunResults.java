package dev.pop.jepsen.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pop.jepsen.history.OpJson;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code results.json}: the {@link dev.pop.jepsen.checker.CheckReport} ({@code valid}, {@code checkers},
 * {@code anomalies} each with its smallest window of operations, {@code opCounts}, {@code latencies} in ms) plus a
 * {@code run} object saying what ran and how long it took.
 */
final class RunResults {
    private RunResults() {
    }

    static void write(Path file, RunOptions o, RunOutcome outcome) throws IOException {
        ObjectNode root = outcome.report().toJson();
        ObjectNode run = root.putObject("run");
        run.put("workload", o.workload());
        run.put("nemesis", o.nemesis());
        run.put("nodes", o.nodes());
        run.put("timeSeconds", o.time().toSeconds());
        run.put("rate", o.rate());
        run.put("seed", o.seed());
        run.put("concurrency", o.concurrency());
        run.put("intervalSeconds", o.interval().toMillis() / 1000.0);
        run.put("readRouting", o.readRouting().name().toLowerCase());
        run.put("readFraction", o.readFraction());
        run.put("unsafeLocalReads", o.unsafeLocalReads());
        run.put("opTimeoutMs", o.opTimeout().toMillis());
        run.put("faults", outcome.faults());
        run.put("finalReadsFailed", outcome.finalFailed());
        run.put("wallMs", outcome.wallMillis());
        run.put("checkMs", outcome.checkMillis());
        run.put("exitCode", outcome.exitCode());
        if (outcome.harnessError() != null) {
            run.put("harnessError", outcome.harnessError());
        }
        OpJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }
}
