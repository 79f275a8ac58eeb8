package dev.pop.jepsen.checker;

import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.model.RegisterModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stale read: no read returns a value that is known to have been overwritten before the read began, that is, a
 * value whose write was acknowledged before another write began that had itself taken effect (was acknowledged,
 * or seen by a read) before the read began; nor "nothing" once a write has been acknowledged or seen. Also names
 * reads of values never written ({@code phantom-read}) and of values whose write definitely failed
 * ({@code aborted-read}).
 *
 * <p>Each of these is a linearizability violation the {@link LinearizabilityChecker} also finds; this validator
 * names it and shows its smallest witness (the write read, the newer write, what proved it took effect, the
 * read). It needs unique written values per key and no deletes (the {@code register} workload's operations), and
 * skips keys where values repeat. Operations: {@code read} (result: the value or null) and {@code write}.
 */
public final class StaleReadValidator implements Checker {
    /** Anomalies reported per kind and key; the note gives the total. */
    private static final int REPORTED_PER_KEY = 5;

    @Override
    public String name() {
        return "stale-read";
    }

    @Override
    public CheckResult check(List<Op> history) {
        Map<String, List<Op>> byKey = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Op op : history) {
            if (!op.isNemesis() && (RegisterModel.READ.equals(op.f()) || RegisterModel.WRITE.equals(op.f()))) {
                byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        int found = 0;
        int reads = 0;
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
            KeyCheck k = new KeyCheck(e.getKey(), e.getValue());
            if (!k.uniqueValues) {
                skipped.add(String.valueOf(e.getKey()));
                continue;
            }
            found += k.run(anomalies);
            reads += k.reads;
        }
        String note = reads + " reads of " + byKey.size() + " keys checked; " + found + " anomalies"
                + (found > anomalies.size() ? " (" + anomalies.size() + " reported)" : "")
                + (skipped.isEmpty() ? "" : "; skipped (repeated values): " + String.join(", ", skipped));
        return CheckResult.of(name(), anomalies, note);
    }

    /** The operations of one key. */
    private final class KeyCheck {
        private final String key;
        private final List<Op> ops;
        private final Map<Object, Op> writerOf = new HashMap<>();
        private boolean uniqueValues = true;
        private int reads;

        KeyCheck(String key, List<Op> ops) {
            this.key = key;
            this.ops = ops;
            for (Op op : ops) {
                if (RegisterModel.WRITE.equals(op.f()) && writerOf.put(op.value(), op) != null) {
                    uniqueValues = false;
                }
            }
        }

        /** Evidence that the register had moved past some point: op completed, showing a write begun at start. */
        private record Evidence(Op op, Op write, long completeNanos, long writeStartNanos) {
        }

        int run(List<Anomaly> out) {
            List<Evidence> evidence = new ArrayList<>();
            for (Op op : ops) {
                if (!op.isOk()) {
                    continue;
                }
                if (RegisterModel.WRITE.equals(op.f())) {
                    evidence.add(new Evidence(op, op, op.completeNanos(), op.invokeNanos()));
                } else if (op.result() != null && writerOf.containsKey(op.result())
                        && !writerOf.get(op.result()).isFail()) {
                    Op w = writerOf.get(op.result());
                    evidence.add(new Evidence(op, w, op.completeNanos(), w.invokeNanos()));
                }
            }
            evidence.sort(Comparator.comparingLong(Evidence::completeNanos));
            // newest[i]: among evidence[0..i], the one showing the latest-begun write
            Evidence[] newest = new Evidence[evidence.size()];
            for (int i = 0; i < newest.length; i++) {
                Evidence ev = evidence.get(i);
                newest[i] = i > 0 && newest[i - 1].writeStartNanos() >= ev.writeStartNanos() ? newest[i - 1] : ev;
            }
            int found = 0;
            Map<String, Integer> reported = new HashMap<>();
            Set<Long> reportedReads = new HashSet<>();
            for (Op read : ops) {
                if (!read.isOk() || !RegisterModel.READ.equals(read.f())) {
                    continue;
                }
                reads++;
                Anomaly a = judge(read, evidence, newest);
                if (a != null) {
                    found++;
                    if (reported.merge(a.kind(), 1, Integer::sum) <= REPORTED_PER_KEY && reportedReads.add(read.index())) {
                        out.add(a);
                    }
                }
            }
            return found;
        }

        private Anomaly judge(Op read, List<Evidence> evidence, Evidence[] newest) {
            Object v = read.result();
            Op writer = v == null ? null : writerOf.get(v);
            if (v != null && writer == null) {
                return new Anomaly(name(), "phantom-read", key, describe(read) + ", a value never written to "
                        + key, List.of(read));
            }
            if (writer != null && writer.isFail()) {
                return new Anomaly(name(), "aborted-read", key, describe(read) + ", but the write of it failed "
                        + "(definitely not applied): " + writer.describe(), List.of(writer, read));
            }
            int last = lastBefore(evidence, read.invokeNanos());
            if (last < 0 || (writer != null && !writer.isOk())) {
                return null; // nothing known yet, or the value's write may take effect at any later time
            }
            Evidence ev = newest[last];
            if (writer == null) {
                return new Anomaly(name(), "stale-read", key, "stale read: " + describe(read) + " (the key absent), "
                        + "but " + proof(ev) + " before the read began", window(null, ev, read));
            }
            if (ev.writeStartNanos() <= writer.completeNanos() || ev.write() == writer) {
                return null;
            }
            return new Anomaly(name(), "stale-read", key, "stale read: " + describe(read) + ", but that value had "
                    + "been overwritten: its write was acknowledged at " + Op.seconds(writer.completeNanos())
                    + ", and " + proof(ev) + " before the read began", window(writer, ev, read));
        }

        private String describe(Op read) {
            Object member = read.extra().get("member");
            Object term = read.extra().get("term");
            return "read of " + key + " at " + Op.seconds(read.invokeNanos()) + ".." + Op.seconds(read.completeNanos())
                    + " (process " + read.process() + (member == null ? "" : ", answered by " + member
                    + (term == null ? "" : " in term " + term)) + ") returned "
                    + (read.result() == null ? "nothing" : Op.render(read.result()));
        }

        private String proof(Evidence ev) {
            Op w = ev.write();
            String write = "the write of " + Op.render(w.value()) + " (process " + w.process() + ") began at "
                    + Op.seconds(w.invokeNanos());
            return ev.op() == w ? write + " and was acknowledged at " + Op.seconds(w.completeNanos())
                    : write + " and a read by process " + ev.op().process() + " saw it at "
                    + Op.seconds(ev.completeNanos());
        }

        private List<Op> window(Op writer, Evidence ev, Op read) {
            List<Op> w = new ArrayList<>();
            if (writer != null) {
                w.add(writer);
            }
            w.add(ev.write());
            if (ev.op() != ev.write()) {
                w.add(ev.op());
            }
            w.add(read);
            w.sort(Comparator.comparingLong(Op::invokeNanos));
            return w.stream().filter(Objects::nonNull).distinct().toList();
        }

        /** Index of the last evidence completed strictly before {@code nanos}, or -1. */
        private int lastBefore(List<Evidence> evidence, long nanos) {
            int lo = 0;
            int hi = evidence.size() - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (evidence.get(mid).completeNanos() < nanos) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }
    }
}
