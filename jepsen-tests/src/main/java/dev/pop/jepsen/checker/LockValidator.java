package dev.pop.jepsen.checker;

import dev.pop.jepsen.history.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fenced lock: no two holders' critical sections overlap in real time ({@code double-grant}), each grant's fence
 * is greater than that of every grant completed before it was requested ({@code fence-not-increasing}), and a
 * resource never accepts a write with fence f after it accepted one with a greater fence
 * ({@code stale-fence-accepted}).
 *
 * <p>Operations: {@code acquire} on a lock (key) whose result is the fence; {@code release} of the lock with the
 * fence as value; optionally {@code lease-lost} when the client's lease deadline passed; and {@code write} to a
 * resource (key) with the holder's fence as value, OK if the resource accepted it and FAIL if it refused it.
 *
 * <p>A critical section runs from an OK acquire's completion to the invoke of the holder's next release,
 * lease-lost or acquire on that lock; if there is none, to the completion of the last write it made with that
 * fence (it acted as the holder until then), else it is empty. Grants with unknown outcome hold no section.
 */
public final class LockValidator implements Checker {
    public static final String ACQUIRE = "acquire";
    public static final String RELEASE = "release";
    public static final String LEASE_LOST = "lease-lost";
    public static final String WRITE = "write";

    /** One holder's tenure of a lock. */
    private record Section(Op acquire, long fence, long start, long end, Op endedBy) {
    }

    @Override
    public String name() {
        return "lock";
    }

    @Override
    public CheckResult check(List<Op> history) {
        Map<String, List<Op>> locks = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        Map<String, List<Op>> resources = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        List<Op> writes = new ArrayList<>();
        for (Op op : history) {
            if (op.isNemesis()) {
                continue;
            }
            switch (op.f()) {
                case ACQUIRE, RELEASE, LEASE_LOST -> locks.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
                case WRITE -> {
                    resources.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
                    writes.add(op);
                }
                default -> { }
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        int grants = 0;
        for (Map.Entry<String, List<Op>> lock : locks.entrySet()) {
            List<Section> sections = sections(lock.getValue(), writes);
            grants += sections.size();
            checkOverlap(lock.getKey(), sections, anomalies);
            checkFences(lock.getKey(), sections, anomalies);
        }
        for (Map.Entry<String, List<Op>> resource : resources.entrySet()) {
            checkResource(resource.getKey(), resource.getValue(), anomalies);
        }
        return CheckResult.of(name(), anomalies, locks.size() + " locks, " + grants + " grants, "
                + writes.size() + " fenced writes to " + resources.size() + " resources");
    }

    private static List<Section> sections(List<Op> lockOps, List<Op> writes) {
        Map<Integer, List<Op>> byProcess = new HashMap<>();
        for (Op op : lockOps) {
            byProcess.computeIfAbsent(op.process(), p -> new ArrayList<>()).add(op);
        }
        List<Section> sections = new ArrayList<>();
        for (List<Op> ops : byProcess.values()) {
            ops.sort(Comparator.comparingLong(Op::invokeNanos));
            for (int i = 0; i < ops.size(); i++) {
                Op acquire = ops.get(i);
                if (!ACQUIRE.equals(acquire.f()) || !acquire.isOk()) {
                    continue;
                }
                long fence = acquire.resultAsLong();
                Op endedBy = null;
                for (int j = i + 1; j < ops.size() && endedBy == null; j++) {
                    if (ops.get(j).invokeNanos() >= acquire.completeNanos()) {
                        endedBy = ops.get(j);
                    }
                }
                long end = acquire.completeNanos();
                if (endedBy != null) {
                    end = endedBy.invokeNanos();
                } else {
                    for (Op w : writes) {
                        if (w.process() == acquire.process() && w.isOk() && w.value() instanceof Long f && f == fence
                                && w.completeNanos() > end) {
                            end = w.completeNanos();
                            endedBy = w;
                        }
                    }
                }
                sections.add(new Section(acquire, fence, acquire.completeNanos(), end, endedBy));
            }
        }
        sections.sort(Comparator.comparingLong(Section::start));
        return sections;
    }

    private void checkOverlap(String lock, List<Section> sections, List<Anomaly> anomalies) {
        Section longest = null; // the section started so far that ends last
        for (Section s : sections) {
            if (longest != null && s.start() < longest.end()) {
                List<Op> ops = new ArrayList<>(List.of(longest.acquire(), s.acquire()));
                if (longest.endedBy() != null) {
                    ops.add(1, longest.endedBy());
                }
                anomalies.add(new Anomaly(name(), "double-grant", lock, "lock " + lock + " granted to process "
                        + s.acquire().process() + " with fence " + s.fence() + " at " + Op.seconds(s.start())
                        + " while process " + longest.acquire().process() + " held it with fence " + longest.fence()
                        + " from " + Op.seconds(longest.start()) + " until " + Op.seconds(longest.end()), ops));
            }
            if (longest == null || s.end() > longest.end()) {
                longest = s;
            }
        }
    }

    private void checkFences(String lock, List<Section> sections, List<Anomaly> anomalies) {
        List<Section> byRequest = new ArrayList<>(sections);
        byRequest.sort(Comparator.comparingLong(s -> s.acquire().invokeNanos()));
        List<Section> byGrant = new ArrayList<>(sections);
        byGrant.sort(Comparator.comparingLong(s -> s.acquire().completeNanos()));
        Map<Long, Section> byFence = new HashMap<>();
        Section highest = null;
        int granted = 0;
        for (Section s : byRequest) {
            while (granted < byGrant.size() && byGrant.get(granted).acquire().completeNanos()
                    < s.acquire().invokeNanos()) {
                Section g = byGrant.get(granted++);
                if (highest == null || g.fence() > highest.fence()) {
                    highest = g;
                }
            }
            Section same = byFence.putIfAbsent(s.fence(), s);
            if (same != null) {
                anomalies.add(new Anomaly(name(), "fence-not-increasing", lock, "fence " + s.fence() + " of lock "
                        + lock + " granted twice: to process " + same.acquire().process() + " at "
                        + Op.seconds(same.start()) + " and to process " + s.acquire().process() + " at "
                        + Op.seconds(s.start()), List.of(same.acquire(), s.acquire())));
            } else if (highest != null && s.fence() <= highest.fence()) {
                anomalies.add(new Anomaly(name(), "fence-not-increasing", lock, "lock " + lock + " granted to process "
                        + s.acquire().process() + " with fence " + s.fence() + " (requested at "
                        + Op.seconds(s.acquire().invokeNanos()) + ") after fence " + highest.fence()
                        + " had already been granted at " + Op.seconds(highest.start()),
                        List.of(highest.acquire(), s.acquire())));
            }
        }
    }

    private void checkResource(String resource, List<Op> ops, List<Anomaly> anomalies) {
        List<Op> accepted = ops.stream().filter(Op::isOk).toList();
        List<Op> byInvoke = new ArrayList<>(accepted);
        byInvoke.sort(Comparator.comparingLong(Op::invokeNanos));
        List<Op> byComplete = new ArrayList<>(accepted);
        byComplete.sort(Comparator.comparingLong(Op::completeNanos));
        Op highest = null;
        int done = 0;
        for (Op w : byInvoke) {
            while (done < byComplete.size() && byComplete.get(done).completeNanos() < w.invokeNanos()) {
                Op d = byComplete.get(done++);
                if (highest == null || d.valueAsLong() > highest.valueAsLong()) {
                    highest = d;
                }
            }
            if (highest != null && w.valueAsLong() < highest.valueAsLong()) {
                anomalies.add(new Anomaly(name(), "stale-fence-accepted", resource, "resource " + resource
                        + " accepted a write with fence " + w.valueAsLong() + " from process " + w.process() + " at "
                        + Op.seconds(w.invokeNanos()) + ".." + Op.seconds(w.completeNanos()) + " after it had accepted"
                        + " fence " + highest.valueAsLong() + " from process " + highest.process() + " at "
                        + Op.seconds(highest.completeNanos()), List.of(highest, w)));
            }
        }
    }
}
