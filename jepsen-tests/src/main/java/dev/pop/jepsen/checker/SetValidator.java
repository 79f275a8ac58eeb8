package dev.pop.jepsen.checker;

import dev.pop.jepsen.history.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Set: every element whose add was acknowledged, or that a read has shown, is in every read that begins after
 * that ({@code lost}), and a read shows only elements whose add was attempted, not refused, and begun before the
 * read ended ({@code unexpected}).
 *
 * <p>Operations: {@code add} with the element as value (elements are unique per set) and {@code read} whose
 * result is the list of elements; the key names the set. Adds with unknown outcome may be present or absent, but
 * once seen they must stay. A set with acknowledged adds and no successful read is UNKNOWN: nothing was checked.
 */
public final class SetValidator implements Checker {
    public static final String ADD = "add";
    public static final String READ = "read";

    @Override
    public String name() {
        return "set";
    }

    @Override
    public CheckResult check(List<Op> history) {
        Map<String, List<Op>> byKey = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Op op : history) {
            if (!op.isNemesis() && (ADD.equals(op.f()) || READ.equals(op.f()))) {
                byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        long reads = 0;
        for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
            List<Op> okReads = e.getValue().stream().filter(op -> READ.equals(op.f()) && op.isOk())
                    .sorted(Comparator.comparingLong(Op::invokeNanos)).toList();
            boolean acknowledged = e.getValue().stream().anyMatch(op -> ADD.equals(op.f()) && op.isOk());
            if (okReads.isEmpty() && acknowledged) {
                unchecked.add(e.getKey() == null ? "(default set)" : e.getKey());
            }
            reads += okReads.size();
            checkSet(e.getKey(), e.getValue(), okReads, anomalies);
        }
        String note = byKey.size() + " sets, " + reads + " successful reads";
        if (!unchecked.isEmpty() && anomalies.isEmpty()) {
            return new CheckResult(name(), Validity.UNKNOWN, anomalies,
                    note + "; no successful read of " + String.join(", ", unchecked));
        }
        return CheckResult.of(name(), anomalies, note);
    }

    private void checkSet(String key, List<Op> ops, List<Op> okReads, List<Anomaly> anomalies) {
        Map<Object, List<Op>> addsByElement = new LinkedHashMap<>();
        for (Op op : ops) {
            if (ADD.equals(op.f())) {
                addsByElement.computeIfAbsent(op.value(), k -> new ArrayList<>()).add(op);
            }
        }
        List<Set<Object>> contents = new ArrayList<>();
        for (Op read : okReads) {
            contents.add(elements(read));
        }
        // the earliest moment each element is known to be in the set, and the op that shows it
        Map<Object, Op> witness = new LinkedHashMap<>();
        Map<Object, Long> knownSince = new LinkedHashMap<>();
        for (Map.Entry<Object, List<Op>> e : addsByElement.entrySet()) {
            for (Op add : e.getValue()) {
                if (add.isOk() && add.completeNanos() < knownSince.getOrDefault(e.getKey(), Long.MAX_VALUE)) {
                    knownSince.put(e.getKey(), add.completeNanos());
                    witness.put(e.getKey(), add);
                }
            }
        }
        Set<Object> reportedUnexpected = new HashSet<>();
        for (int i = 0; i < okReads.size(); i++) {
            Op read = okReads.get(i);
            for (Object element : contents.get(i)) {
                String why = unexpectedBecause(addsByElement.get(element), read);
                if (why != null && reportedUnexpected.add(element)) {
                    List<Op> shown = new ArrayList<>(addsByElement.getOrDefault(element, List.of()));
                    shown.add(read);
                    anomalies.add(new Anomaly(name(), "unexpected", key, "read of set " + key + " at "
                            + Op.seconds(read.invokeNanos()) + " (process " + read.process() + ") contains "
                            + Op.render(element) + ", " + why, shown));
                }
                if (read.completeNanos() < knownSince.getOrDefault(element, Long.MAX_VALUE)) {
                    knownSince.put(element, read.completeNanos());
                    witness.put(element, read);
                }
            }
        }
        for (Map.Entry<Object, Long> known : knownSince.entrySet()) {
            Object element = known.getKey();
            List<Op> missing = new ArrayList<>();
            for (int i = 0; i < okReads.size(); i++) {
                if (okReads.get(i).invokeNanos() > known.getValue() && !contents.get(i).contains(element)) {
                    missing.add(okReads.get(i));
                }
            }
            if (!missing.isEmpty()) {
                Op w = witness.get(element);
                Op first = missing.get(0);
                String since = ADD.equals(w.f()) ? "its add was acknowledged at " + Op.seconds(w.completeNanos())
                        : "a read ending at " + Op.seconds(w.completeNanos()) + " showed it";
                anomalies.add(new Anomaly(name(), "lost", key, Op.render(element) + " is missing from set " + key
                        + " in the read at " + Op.seconds(first.invokeNanos()) + " (process " + first.process()
                        + ") and " + (missing.size() - 1) + " later reads, but " + since + " (process "
                        + w.process() + ")", List.of(w, first)));
            }
        }
    }

    /** Null if a read may contain the element, else the reason it may not. */
    private static String unexpectedBecause(List<Op> adds, Op read) {
        if (adds == null) {
            return "which was never added";
        }
        if (adds.stream().allMatch(Op::isFail)) {
            return "but its only add failed (definitely not applied)";
        }
        boolean begunBefore = adds.stream().anyMatch(a -> !a.isFail() && a.invokeNanos() <= read.completeNanos());
        return begunBefore ? null : "but it was only added after the read completed";
    }

    private static Set<Object> elements(Op read) {
        if (read.result() == null) {
            return Set.of();
        }
        if (!(read.result() instanceof List<?> list)) {
            throw new IllegalArgumentException("a set read's result must be a list: " + read.describe());
        }
        Set<Object> out = new HashSet<>(list.size() * 2);
        list.forEach(x -> out.add(Objects.requireNonNull(x, "set elements cannot be null")));
        return out;
    }
}
