package dev.pop.jepsen.nemesis;

import dev.pop.jepsen.cluster.PopCluster;
import dev.pop.jepsen.cluster.PopNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code clock}: restarts one member, the leader or a minority with its wall clock offset by up to five minutes
 * either way (libfaketime {@code FAKETIME="+Ns"} preloaded into that server only; the machine's clock is never
 * touched); healing restarts them on the true time. POP must not depend on synchronized clocks: Raft timing uses
 * intervals, and leader-lease reads are off.
 */
public final class ClockNemesis implements Nemesis {
    private static final List<String> MODES = List.of("one", "leader", "minority");
    private static final int MAX_OFFSET_SECONDS = 300;

    private final PopCluster cluster;
    private final List<PopNode> skewed = new ArrayList<>();

    public ClockNemesis(PopCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "clock";
    }

    @Override
    public synchronized Map<String, Object> start(SplittableRandom random) {
        String mode = MODES.get(random.nextInt(MODES.size()));
        Map<String, Object> offsets = new LinkedHashMap<>();
        for (PopNode n : Targets.pick(mode, cluster, random)) {
            long offset = (random.nextBoolean() ? 1 : -1) * (long) random.nextInt(1, MAX_OFFSET_SECONDS + 1);
            setOffset(n, offset);
            n.kill();
            n.restart();
            skewed.add(n);
            offsets.put(n.id(), offset);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        out.put("offsetSeconds", offsets);
        return out;
    }

    @Override
    public synchronized Map<String, Object> stop() {
        List<String> reset = new ArrayList<>();
        for (PopNode n : skewed) {
            setOffset(n, null);
            n.kill();
            n.restart();
            reset.add(n.id());
        }
        skewed.clear();
        return Map.of("reset", reset);
    }

    private static void setOffset(PopNode n, Long seconds) {
        try {
            n.setClockOffset(seconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
