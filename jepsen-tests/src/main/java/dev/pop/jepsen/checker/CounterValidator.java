package dev.pop.jepsen.checker;

import dev.pop.jepsen.history.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counter: every successful read returns a value the counter could have held at some instant during the read,
 * that is, at least the initial value plus the increments certainly applied before the read began, and at most
 * that plus every increment that might have been applied before it ended ({@code read-out-of-bounds}).
 *
 * <p>When no delta is negative, a read also never returns less than a read that completed before it began
 * ({@code read-went-backwards}), which catches stale reads the bounds alone allow around unknown increments.
 *
 * <p>Operations: {@code incr} (or {@code add}) with the delta as value, and {@code read} with the value as result;
 * the key names the counter. A FAIL increment never applied; an INFO one may have applied at any time after its
 * invoke. Negative deltas widen the lower bound instead of the upper one. The last read is the final value and is
 * checked the same way.
 */
public final class CounterValidator implements Checker {
    public static final String INCR = "incr";
    public static final String ADD = "add";
    public static final String READ = "read";

    private final long initial;

    public CounterValidator() {
        this(0);
    }

    public CounterValidator(long initial) {
        this.initial = initial;
    }

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public CheckResult check(List<Op> history) {
        Map<String, List<Op>> byKey = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Op op : history) {
            if (!op.isNemesis() && (INCR.equals(op.f()) || ADD.equals(op.f()) || READ.equals(op.f()))) {
                byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        int reads = 0;
        for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
            List<Op> increments = e.getValue().stream().filter(op -> !READ.equals(op.f()) && !op.isFail()).toList();
            List<Op> okReads = e.getValue().stream().filter(op -> READ.equals(op.f()) && op.isOk())
                    .sorted(Comparator.comparingLong(Op::invokeNanos)).toList();
            reads += okReads.size();
            for (int i = 0; i < okReads.size(); i++) {
                checkRead(e.getKey(), okReads.get(i), i == okReads.size() - 1, increments, anomalies);
            }
            if (increments.stream().allMatch(inc -> inc.valueAsLong() >= 0)) {
                checkMonotonic(e.getKey(), okReads, anomalies);
            }
        }
        return CheckResult.of(name(), anomalies, byKey.size() + " counters, " + reads + " successful reads");
    }

    private void checkRead(String key, Op read, boolean last, List<Op> increments, List<Anomaly> anomalies) {
        long certain = initial;
        long low = 0;
        long high = 0;
        int certainCount = 0;
        int possibleCount = 0;
        for (Op inc : increments) {
            long delta = inc.valueAsLong();
            if (inc.isOk() && inc.completeNanos() < read.invokeNanos()) {
                certain += delta;
                certainCount++;
            } else if (inc.invokeNanos() <= read.completeNanos()) {
                low += Math.min(0, delta);
                high += Math.max(0, delta);
                possibleCount++;
            }
        }
        long value = read.resultAsLong();
        long min = certain + low;
        long max = certain + high;
        if (value < min || value > max) {
            anomalies.add(new Anomaly(name(), "read-out-of-bounds", key, (last ? "final " : "") + "read of counter "
                    + key + " returned " + value + " (process " + read.process() + ", "
                    + Op.seconds(read.invokeNanos()) + ".." + Op.seconds(read.completeNanos()) + ") but it must lie in ["
                    + min + ", " + max + "]: " + certain + " after " + certainCount + " increments acknowledged before"
                    + " the read began, and " + possibleCount + " more in flight or of unknown outcome could move it"
                    + " by " + low + ".." + high, List.of(read)));
        }
    }

    /** {@code okReads} sorted by invoke; compares each with the highest read completed before it began. */
    private void checkMonotonic(String key, List<Op> okReads, List<Anomaly> anomalies) {
        List<Op> byCompletion = new ArrayList<>(okReads);
        byCompletion.sort(Comparator.comparingLong(Op::completeNanos));
        Op highest = null;
        int done = 0;
        for (Op read : okReads) {
            while (done < byCompletion.size() && byCompletion.get(done).completeNanos() < read.invokeNanos()) {
                Op d = byCompletion.get(done++);
                if (highest == null || d.resultAsLong() > highest.resultAsLong()) {
                    highest = d;
                }
            }
            if (highest != null && read.resultAsLong() < highest.resultAsLong()) {
                anomalies.add(new Anomaly(name(), "read-went-backwards", key, "read of counter " + key + " returned "
                        + read.resultAsLong() + " (process " + read.process() + ", " + Op.seconds(read.invokeNanos())
                        + ") after a read had returned " + highest.resultAsLong() + " (process " + highest.process()
                        + ", completed " + Op.seconds(highest.completeNanos()) + "), and no delta is negative",
                        List.of(highest, read)));
            }
        }
    }
}
