package dev.pop.jepsen.nemesis;

import dev.pop.jepsen.cluster.PopCluster;
import dev.pop.jepsen.cluster.PopNode;
import dev.pop.jepsen.history.HistoryRecorder;
import dev.pop.jepsen.history.Op;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Alternates fault and heal periods on its own thread: a quiet start, then repeatedly one nemesis (picked at
 * random among those given) injects a fault for {@code interval}..2×{@code interval}, heals it, and the cluster
 * is left alone for as long again. Each start and stop is recorded in the history as a nemesis event
 * ({@code start-<name>} / {@code stop-<name>}, process {@link Op#NEMESIS}) with what was done.
 */
public final class NemesisSchedule {
    private final List<Nemesis> nemeses;
    private final PopCluster cluster;
    private final HistoryRecorder recorder;
    private final Duration interval;
    private final SplittableRandom random;
    private final Consumer<String> log;
    private final Object lock = new Object();
    private Thread thread;
    private boolean stopping;
    private int faults;

    public NemesisSchedule(List<Nemesis> nemeses, PopCluster cluster, HistoryRecorder recorder, Duration interval,
                           long seed, Consumer<String> log) {
        this.nemeses = List.copyOf(nemeses);
        this.cluster = cluster;
        this.recorder = recorder;
        this.interval = interval;
        this.random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        this.log = log;
    }

    public void start() {
        if (nemeses.isEmpty()) {
            return;
        }
        thread = new Thread(this::run, "pop-jepsen-nemesis");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        if (!pause(randomPeriod().dividedBy(2))) {
            return;
        }
        while (true) {
            Nemesis n = nemeses.get(random.nextInt(nemeses.size()));
            boolean started = apply(n, "start-", () -> n.start(random));
            boolean go = pause(randomPeriod());
            if (started) {
                apply(n, "stop-", n::stop);
            }
            if (!go || !pause(randomPeriod())) {
                return;
            }
        }
    }

    /** Stops the schedule; a fault in progress is healed. Returns once the nemesis thread has finished. */
    public void stop() throws InterruptedException {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        if (thread != null) {
            thread.join();
        }
    }

    /**
     * Heals everything whatever the nemeses did: resumes paused members, restarts stopped ones, removes network
     * rules and clock offsets (restarting those members). Recorded as {@code heal-all}. A member whose server
     * exited although no nemesis killed it is restarted too, and reported.
     *
     * @return the members that had exited on their own (a crash worth reading their log for)
     */
    public List<String> healAll() {
        for (Nemesis n : nemeses) {
            try {
                n.stop();
            } catch (RuntimeException e) {
                log.accept("heal of " + n.name() + " failed, healing members directly: " + e);
            }
        }
        List<String> crashed = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture.allOf(cluster.nodes().stream().map(node -> CompletableFuture.runAsync(() -> {
            if (!node.isStopped() && !node.isRunning()) {
                crashed.add(node.id());
                node.markStopped();
            }
            heal(node);
        })).toArray(CompletableFuture[]::new)).join();
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("faults", faults());
        if (!crashed.isEmpty()) {
            what.put("crashed", List.copyOf(crashed));
            log.accept("members that exited on their own (see their logs): " + crashed);
        }
        recorder.event(Op.NEMESIS, "heal-all", what);
        return List.copyOf(crashed);
    }

    private static void heal(PopNode node) {
        node.resume();
        try {
            if (node.clockOffsetSeconds() != null) {
                node.setClockOffset(null);
                node.kill();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot clear the clock offset of " + node, e);
        }
        if (node.isStopped()) {
            node.restart();
        }
        node.healNetwork();
    }

    /** Faults injected so far. */
    public synchronized int faults() {
        return faults;
    }

    private boolean apply(Nemesis n, String prefix, java.util.function.Supplier<Map<String, Object>> action) {
        long t0 = System.nanoTime();
        try {
            Map<String, Object> what = new LinkedHashMap<>(action.get());
            what.put("tookMs", (System.nanoTime() - t0) / 1_000_000);
            recorder.event(Op.NEMESIS, prefix + n.name(), what);
            log.accept("nemesis " + prefix + n.name() + " " + what);
            if (prefix.equals("start-")) {
                synchronized (this) {
                    faults++;
                }
            }
            return true;
        } catch (RuntimeException e) {
            recorder.event(Op.NEMESIS, "nemesis-error", Map.of("nemesis", n.name(), "phase", prefix, "error",
                    String.valueOf(e)));
            log.accept("nemesis " + prefix + n.name() + " failed: " + e);
            return prefix.equals("start-"); // a half-injected fault still needs its stop
        }
    }

    private Duration randomPeriod() {
        long ms = interval.toMillis();
        return Duration.ofMillis(ms + random.nextLong(ms + 1));
    }

    /** Waits {@code d} unless stopped first; returns false if stopped. */
    private boolean pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (lock) {
            while (!stopping) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }
}
