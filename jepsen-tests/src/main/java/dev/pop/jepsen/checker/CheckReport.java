package dev.pop.jepsen.checker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.history.OpJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verdict of a run, as written to {@code results.json}:
 * <pre>{"valid": true|false|"unknown", "checkers": [{"name","valid","note"}],
 *  "anomalies": [{"validator","kind","key","description","ops":[...]}],
 *  "opCounts": {"read": {"ok","fail","info"}}, "latencies": {"read": {"count","p50","p90","p99","max"}}}</pre>
 * {@code valid} is false if any checker found an anomaly, else "unknown" if any checker could not finish, else
 * true. Latencies are of OK operations, in milliseconds. Nemesis events are not counted.
 */
public record CheckReport(Validity validity, List<CheckResult> results, Map<String, OpCounts> opCounts,
                          Map<String, LatencySummary> latencies) {
    public CheckReport {
        results = List.copyOf(results);
        opCounts = Map.copyOf(opCounts);
        latencies = Map.copyOf(latencies);
    }

    /**
     * Runs every checker on {@code history} and summarizes it: the one call a test run makes at the end. A checker
     * that throws (a malformed history) yields an UNKNOWN result naming the error, never a valid one.
     */
    public static CheckReport check(List<Op> history, List<? extends Checker> checkers) {
        List<CheckResult> results = new ArrayList<>();
        for (Checker c : checkers) {
            try {
                results.add(c.check(history));
            } catch (RuntimeException e) {
                results.add(new CheckResult(c.name(), Validity.UNKNOWN, List.of(), "checker failed: " + e));
            }
        }
        return of(history, results);
    }

    public static CheckReport of(List<Op> history, List<CheckResult> results) {
        Validity validity = Validity.VALID;
        for (CheckResult r : results) {
            validity = validity.and(r.validity());
        }
        Map<String, OpCounts> counts = new TreeMap<>();
        Map<String, List<Long>> okLatencies = new HashMap<>();
        for (Op op : history) {
            if (op.isNemesis()) {
                continue;
            }
            OpCounts one = op.isOk() ? new OpCounts(1, 0, 0) : op.isFail() ? new OpCounts(0, 1, 0)
                    : new OpCounts(0, 0, 1);
            counts.merge(op.f(), one, OpCounts::plus);
            if (op.isOk()) {
                okLatencies.computeIfAbsent(op.f(), f -> new ArrayList<>()).add(op.latencyNanos());
            }
        }
        Map<String, LatencySummary> latencies = new TreeMap<>();
        okLatencies.forEach((f, l) -> latencies.put(f, LatencySummary.of(l.stream().mapToLong(Long::longValue)
                .toArray())));
        return new CheckReport(validity, results, counts, latencies);
    }

    public List<Anomaly> anomalies() {
        return results.stream().flatMap(r -> r.anomalies().stream()).toList();
    }

    public boolean isValid() {
        return validity == Validity.VALID;
    }

    public ObjectNode toJson() {
        ObjectNode root = OpJson.MAPPER.createObjectNode();
        root.set("valid", OpJson.MAPPER.valueToTree(validity.jsonValue()));
        ArrayNode checkers = root.putArray("checkers");
        for (CheckResult r : results) {
            ObjectNode c = checkers.addObject();
            c.put("name", r.checker());
            c.set("valid", OpJson.MAPPER.valueToTree(r.validity().jsonValue()));
            c.put("anomalies", r.anomalies().size());
            c.put("note", r.note());
        }
        ArrayNode anomalies = root.putArray("anomalies");
        for (Anomaly a : anomalies()) {
            ObjectNode n = anomalies.addObject();
            n.put("validator", a.validator());
            n.put("kind", a.kind());
            n.put("key", a.key());
            n.put("description", a.description());
            ArrayNode ops = n.putArray("ops");
            a.ops().forEach(op -> ops.add(OpJson.toNode(op)));
        }
        ObjectNode counts = root.putObject("opCounts");
        new TreeMap<>(opCounts).forEach((f, c) -> counts.putObject(f).put("ok", c.ok()).put("fail", c.fail())
                .put("info", c.info()));
        ObjectNode lat = root.putObject("latencies");
        new TreeMap<>(latencies).forEach((f, l) -> lat.putObject(f).put("count", l.count()).put("p50", l.p50())
                .put("p90", l.p90()).put("p99", l.p99()).put("max", l.max()));
        return root;
    }
}
