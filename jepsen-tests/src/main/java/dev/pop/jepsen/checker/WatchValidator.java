package dev.pop.jepsen.checker;

import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.history.WatchEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Watch: each watcher receives events in revision order ({@code out-of-order}) without repeats
 * ({@code duplicate}), misses no event that any watcher saw within the revisions it observed ({@code gap}), agrees
 * with every other watcher on each event ({@code divergent}), and the last event of each key matches the key's
 * final value ({@code final-mismatch}).
 *
 * <p>Operations: one {@code watch} per watcher (its process), on a key or prefix (key), with value
 * {@link #watchArgs} and the delivered {@link WatchEvent}s as result, in delivery order. OK means the watcher was
 * drained after the final reads, so it observed every revision from its start to the end; INFO means it stopped
 * early and observed revisions up to its last event; FAIL means it never started. Final values come from
 * {@code read} operations (the last successful read of each key; result null when absent).
 *
 * <p>Events of one transaction share a revision, so order is by revision and then key; an event is identified by
 * (revision, key).
 */
public final class WatchValidator implements Checker {
    public static final String WATCH = "watch";
    public static final String READ = "read";

    private record EventId(long revision, String key) {
    }

    private record Watcher(Op op, boolean prefix, long start, List<WatchEvent> events) {
        boolean covers(String key) {
            return prefix ? key.startsWith(op.key()) : key.equals(op.key());
        }
    }

    /** The value to record for a watch on {@code key} ({@code prefix}: all keys starting with it). */
    public static Map<String, Object> watchArgs(boolean prefix, long startRevision) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("prefix", prefix);
        args.put("startRevision", startRevision);
        return args;
    }

    @Override
    public String name() {
        return "watch";
    }

    @Override
    public CheckResult check(List<Op> history) {
        List<Watcher> watchers = new ArrayList<>();
        Map<String, Op> finalReads = new TreeMap<>();
        for (Op op : history) {
            if (op.isNemesis()) {
                continue;
            }
            if (WATCH.equals(op.f()) && !op.isFail()) {
                watchers.add(watcher(op));
            } else if (READ.equals(op.f()) && op.isOk() && op.key() != null) {
                finalReads.merge(op.key(), op, (a, b) -> b.invokeNanos() > a.invokeNanos() ? b : a);
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        TreeMap<EventId, WatchEvent> union = new TreeMap<>(
                Comparator.comparingLong(EventId::revision).thenComparing(EventId::key));
        Map<EventId, Op> firstSeenBy = new HashMap<>();
        for (Watcher w : watchers) {
            checkOrder(w, anomalies);
            for (WatchEvent e : w.events()) {
                EventId id = new EventId(e.revision(), e.key());
                WatchEvent other = union.putIfAbsent(id, e);
                firstSeenBy.putIfAbsent(id, w.op());
                if (other != null && !(Objects.equals(other.type(), e.type())
                        && Objects.equals(other.valueAfter(), e.valueAfter()))) {
                    anomalies.add(new Anomaly(name(), "divergent", e.key(), "process " + w.op().process() + " saw "
                            + e + " but process " + firstSeenBy.get(id).process() + " saw " + other,
                            List.of(firstSeenBy.get(id), w.op())));
                }
            }
        }
        long lastRevision = union.isEmpty() ? 0 : union.lastKey().revision();
        for (Watcher w : watchers) {
            checkGaps(w, union, lastRevision, anomalies);
        }
        checkFinal(watchers, union, finalReads, anomalies);
        return CheckResult.of(name(), anomalies, watchers.size() + " watchers, " + union.size() + " distinct events, "
                + finalReads.size() + " final reads");
    }

    private void checkOrder(Watcher w, List<Anomaly> anomalies) {
        Set<EventId> seen = new HashSet<>();
        WatchEvent previous = null;
        boolean orderReported = false;
        for (WatchEvent e : w.events()) {
            if (!seen.add(new EventId(e.revision(), e.key()))) {
                anomalies.add(new Anomaly(name(), "duplicate", e.key(), "process " + w.op().process()
                        + " received " + e + " twice", List.of(w.op())));
            } else if (!orderReported && (e.revision() < w.start() || previous != null
                    && e.revision() < previous.revision())) {
                orderReported = true;
                anomalies.add(new Anomaly(name(), "out-of-order", e.key(), "process " + w.op().process()
                        + " received " + e + (previous == null || e.revision() >= previous.revision()
                        ? " although it watched from revision " + w.start() : " after " + previous),
                        List.of(w.op())));
            }
            previous = e;
        }
    }

    private void checkGaps(Watcher w, Map<EventId, WatchEvent> union, long lastRevision, List<Anomaly> anomalies) {
        long from = w.start() > 0 ? w.start() : w.events().isEmpty() ? Long.MAX_VALUE : w.events().get(0).revision();
        long to = w.op().isOk() ? lastRevision
                : w.events().stream().mapToLong(WatchEvent::revision).max().orElse(Long.MIN_VALUE);
        Set<EventId> own = new HashSet<>();
        w.events().forEach(e -> own.add(new EventId(e.revision(), e.key())));
        List<WatchEvent> missing = new ArrayList<>();
        for (Map.Entry<EventId, WatchEvent> e : union.entrySet()) {
            long rev = e.getKey().revision();
            if (rev >= from && rev <= to && w.covers(e.getKey().key()) && !own.contains(e.getKey())) {
                missing.add(e.getValue());
            }
        }
        if (!missing.isEmpty()) {
            anomalies.add(new Anomaly(name(), "gap", w.op().key(), "process " + w.op().process() + " watching "
                    + w.op().key() + (w.prefix() ? "*" : "") + " over revisions " + from + ".." + to + " missed "
                    + missing.size() + " events other watchers saw, first " + missing.get(0), List.of(w.op())));
        }
    }

    private void checkFinal(List<Watcher> watchers, Map<EventId, WatchEvent> union, Map<String, Op> finalReads,
                            List<Anomaly> anomalies) {
        Map<String, WatchEvent> lastByKey = new HashMap<>();
        union.values().forEach(e -> lastByKey.put(e.key(), e)); // union iterates in revision order
        for (Op read : finalReads.values()) {
            String key = read.key();
            if (watchers.stream().noneMatch(w -> w.covers(key))) {
                continue;
            }
            WatchEvent last = lastByKey.get(key);
            if (last != null && !Objects.equals(last.valueAfter(), read.result())) {
                anomalies.add(new Anomaly(name(), "final-mismatch", key, "the last event watchers saw for " + key
                        + " is " + last + " but the final read (process " + read.process() + ", "
                        + Op.seconds(read.invokeNanos()) + ") returned " + Op.render(read.result()), List.of(read)));
            } else if (last == null && read.result() != null && watchers.stream()
                    .anyMatch(w -> w.op().isOk() && w.covers(key) && w.start() <= 1)) {
                anomalies.add(new Anomaly(name(), "final-mismatch", key, "the final read of " + key + " returned "
                        + Op.render(read.result()) + " but no watcher, not even one watching from revision 1 to the"
                        + " end, saw an event for it", List.of(read)));
            }
        }
    }

    private static Watcher watcher(Op op) {
        boolean prefix = false;
        long start = 0;
        if (op.value() instanceof Map<?, ?> args) {
            prefix = Boolean.TRUE.equals(args.get("prefix"));
            start = args.get("startRevision") instanceof Long s ? s : 0;
        }
        if (op.key() == null) {
            throw new IllegalArgumentException("a watch needs the watched key or prefix as key: " + op.describe());
        }
        return new Watcher(op, prefix, start, WatchEvent.fromResult(op.result()));
    }
}
