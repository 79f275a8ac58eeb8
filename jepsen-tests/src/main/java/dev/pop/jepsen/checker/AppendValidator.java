package dev.pop.jepsen.checker;

import dev.pop.jepsen.history.LogEntry;
import dev.pop.jepsen.history.Op;
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
 * Log stream: all reads of a stream are slices of one sequence ({@code divergent-read}), each read is dense from
 * the seq it asked for ({@code gap}), every acknowledged append is in the final read at the seq it was given
 * ({@code lost-append}), no data appears at two seqs ({@code duplicate}), and only data whose append was
 * attempted and not refused appears ({@code unexpected}).
 *
 * <p>Operations: {@code append} to a stream (key) with the data as value and the seq as result, and {@code read}
 * with the first seq asked for as value (default 1) and a list of {@link LogEntry} as result. Data is unique per
 * append. The final read is the successful read that began last; a stream with acknowledged appends and no
 * successful read makes the result UNKNOWN.
 */
public final class AppendValidator implements Checker {
    public static final String APPEND = "append";
    public static final String READ = "read";

    /** A seq's data as first shown, and the read that showed it. */
    private record Seen(Object data, Op read) {
    }

    @Override
    public String name() {
        return "append";
    }

    @Override
    public CheckResult check(List<Op> history) {
        Map<String, List<Op>> streams = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Op op : history) {
            if (!op.isNemesis() && (APPEND.equals(op.f()) || READ.equals(op.f()))) {
                streams.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (Map.Entry<String, List<Op>> s : streams.entrySet()) {
            if (!checkStream(s.getKey(), s.getValue(), anomalies)) {
                unread.add(String.valueOf(s.getKey()));
            }
        }
        String note = streams.size() + " streams";
        if (!unread.isEmpty() && anomalies.isEmpty()) {
            return new CheckResult(name(), Validity.UNKNOWN, anomalies,
                    note + "; no successful read of " + String.join(", ", unread));
        }
        return CheckResult.of(name(), anomalies, note);
    }

    /** @return false when the stream has acknowledged appends but no successful read */
    private boolean checkStream(String stream, List<Op> ops, List<Anomaly> anomalies) {
        List<Op> reads = ops.stream().filter(op -> READ.equals(op.f()) && op.isOk())
                .sorted(Comparator.comparingLong(Op::invokeNanos)).toList();
        Map<Object, List<Op>> appendsByData = new HashMap<>();
        for (Op op : ops) {
            if (APPEND.equals(op.f())) {
                appendsByData.computeIfAbsent(op.value(), d -> new ArrayList<>()).add(op);
            }
        }
        TreeMap<Long, Seen> sequence = new TreeMap<>();
        Map<Object, Long> seqOfData = new HashMap<>();
        Set<Object> reported = new HashSet<>();
        for (Op read : reads) {
            long from = read.value() == null ? 1 : read.valueAsLong();
            long expected = from;
            boolean gapReported = false;
            for (LogEntry e : LogEntry.fromResult(read.result())) {
                if (e.seq() != expected && !gapReported) {
                    gapReported = true;
                    anomalies.add(new Anomaly(name(), "gap", stream, "read of stream " + stream + " from " + from
                            + " (process " + read.process() + ", " + Op.seconds(read.invokeNanos()) + ") has seq "
                            + e.seq() + " where seq " + expected + " was due", List.of(read)));
                }
                expected = e.seq() + 1;
                Seen before = sequence.putIfAbsent(e.seq(), new Seen(e.data(), read));
                if (before != null && !Objects.equals(before.data(), e.data()) && reported.add("divergent@" + e.seq())) {
                    anomalies.add(new Anomaly(name(), "divergent-read", stream, "stream " + stream + " seq " + e.seq()
                            + " read as " + Op.render(before.data()) + " by process " + before.read().process()
                            + " at " + Op.seconds(before.read().invokeNanos()) + " but as " + Op.render(e.data())
                            + " by process " + read.process() + " at " + Op.seconds(read.invokeNanos()),
                            List.of(before.read(), read)));
                }
                Long other = seqOfData.putIfAbsent(e.data(), e.seq());
                if (other != null && other != e.seq() && reported.add("duplicate@" + e.data())) {
                    anomalies.add(new Anomaly(name(), "duplicate", stream, Op.render(e.data()) + " appears in stream "
                            + stream + " at seq " + other + " and at seq " + e.seq() + " (read by process "
                            + read.process() + " at " + Op.seconds(read.invokeNanos()) + ")",
                            appendsAnd(appendsByData.get(e.data()), read)));
                }
                List<Op> appends = appendsByData.get(e.data());
                if ((appends == null || appends.stream().allMatch(Op::isFail)) && reported.add("unexpected@" + e.data())) {
                    anomalies.add(new Anomaly(name(), "unexpected", stream, Op.render(e.data()) + " at seq " + e.seq()
                            + " of stream " + stream + (appends == null ? " was never appended"
                            : " was appended only by appends that failed (definitely not applied)"),
                            appendsAnd(appends, read)));
                }
            }
        }
        boolean acknowledged = ops.stream().anyMatch(op -> APPEND.equals(op.f()) && op.isOk());
        if (reads.isEmpty()) {
            return !acknowledged;
        }
        Op last = reads.get(reads.size() - 1);
        long lastFrom = last.value() == null ? 1 : last.valueAsLong();
        Map<Long, Object> finalRead = new HashMap<>();
        LogEntry.fromResult(last.result()).forEach(e -> finalRead.put(e.seq(), e.data()));
        for (Op append : ops) {
            if (!APPEND.equals(append.f()) || !append.isOk()) {
                continue;
            }
            long seq = append.resultAsLong();
            Seen seen = sequence.get(seq);
            String problem = null;
            if (seen != null && !Objects.equals(seen.data(), append.value())) {
                problem = "seq " + seq + " holds " + Op.render(seen.data()) + " in the read by process "
                        + seen.read().process() + " at " + Op.seconds(seen.read().invokeNanos());
            } else if (append.completeNanos() < last.invokeNanos() && seq >= lastFrom && !finalRead.containsKey(seq)) {
                problem = "the final read by process " + last.process() + " at " + Op.seconds(last.invokeNanos())
                        + " does not contain seq " + seq;
            }
            if (problem != null) {
                anomalies.add(new Anomaly(name(), "lost-append", stream, "append of " + Op.render(append.value())
                        + " to stream " + stream + " was acknowledged as seq " + seq + " at "
                        + Op.seconds(append.completeNanos()) + " (process " + append.process() + "), but " + problem,
                        List.of(append, seen != null ? seen.read() : last)));
            }
        }
        return true;
    }

    private static List<Op> appendsAnd(List<Op> appends, Op read) {
        List<Op> ops = new ArrayList<>(appends == null ? List.of() : appends);
        ops.add(read);
        return ops;
    }
}
