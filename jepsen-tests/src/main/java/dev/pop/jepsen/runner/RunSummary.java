package dev.pop.jepsen.runner;

import dev.pop.jepsen.checker.Anomaly;
import dev.pop.jepsen.checker.CheckResult;
import dev.pop.jepsen.checker.LatencySummary;
import dev.pop.jepsen.checker.OpCounts;
import dev.pop.jepsen.checker.Validity;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The one-screen summary printed at the end of a run. */
final class RunSummary {
    private static final int ANOMALIES_SHOWN = 3;

    private RunSummary() {
    }

    static String verdict(RunOutcome o) {
        return switch (o.report().validity()) {
            case VALID -> o.harnessError() == null ? "VALID" : "UNKNOWN (harness trouble)";
            case INVALID -> "INVALID";
            case UNKNOWN -> "UNKNOWN";
        };
    }

    static String of(RunOptions options, RunOutcome o) {
        StringBuilder s = new StringBuilder("\n");
        line(s, "== pop-jepsen: %s / %s / %d nodes / %d s / seed %d%s", options.workload(), options.nemesis(),
                options.nodes(), options.time().toSeconds(), options.seed(),
                options.unsafeLocalReads() ? " / --unsafe-local-reads" : "");
        line(s, "run dir:   %s", o.runDir());
        long ok = 0;
        long fail = 0;
        long info = 0;
        for (Map.Entry<String, OpCounts> e : o.report().opCounts().entrySet()) {
            OpCounts c = e.getValue();
            ok += c.ok();
            fail += c.fail();
            info += c.info();
            LatencySummary l = o.report().latencies().get(e.getKey());
            line(s, "  %-8s ok %6d  fail %5d  info %5d   latency ms p50 %7.2f  p99 %8.2f  max %8.2f", e.getKey(),
                    c.ok(), c.fail(), c.info(), l == null ? 0 : l.p50(), l == null ? 0 : l.p99(),
                    l == null ? 0 : l.max());
        }
        line(s, "ops:       %d ok, %d fail, %d info; %d faults injected", ok, fail, info, o.faults());
        for (CheckResult r : o.report().results()) {
            line(s, "checker:   %-13s %-7s %s", r.checker(), r.validity(), r.note());
        }
        line(s, "time:      run %.1f s, check %.2f s", o.wallMillis() / 1000.0, o.checkMillis() / 1000.0);
        if (o.harnessError() != null) {
            line(s, "harness:   %s", o.harnessError());
        }
        // named anomalies (stale-read, lost, ...) before the generic "nonlinearizable" that usually shows the same
        List<Anomaly> anomalies = o.report().anomalies().stream()
                .sorted(java.util.Comparator.comparingInt(a -> a.kind().equals("nonlinearizable") ? 1 : 0)).toList();
        for (int i = 0; i < Math.min(ANOMALIES_SHOWN, anomalies.size()); i++) {
            Anomaly a = anomalies.get(i);
            line(s, "ANOMALY %s/%s on %s: %s", a.validator(), a.kind(), a.key(), a.description());
        }
        if (anomalies.size() > ANOMALIES_SHOWN) {
            line(s, "... and %d more anomalies in results.json", anomalies.size() - ANOMALIES_SHOWN);
        }
        String verdict = verdict(o);
        if (o.report().validity() == Validity.INVALID && !anomalies.isEmpty()) {
            verdict += ": " + anomalies.get(0).kind() + " on " + anomalies.get(0).key();
        }
        line(s, "valid:     %s (exit %d)  report: %s/results.json, latency.png", verdict, o.exitCode(),
                o.runDir().getFileName());
        return s.toString();
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
