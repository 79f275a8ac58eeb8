package dev.pop.jepsen.nemesis;

import dev.pop.jepsen.cluster.PopCluster;
import dev.pop.jepsen.cluster.PopNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code pause}: SIGSTOP to the server of one member, the leader or a majority (a process that stops mid-flight
 * and later resumes believing no time has passed, like a long GC pause); healing sends SIGCONT.
 */
public final class PauseNemesis implements Nemesis {
    private static final List<String> MODES = List.of("one", "leader", "majority");

    private final PopCluster cluster;
    private final List<PopNode> paused = new ArrayList<>();

    public PauseNemesis(PopCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "pause";
    }

    @Override
    public synchronized Map<String, Object> start(SplittableRandom random) {
        String mode = MODES.get(random.nextInt(MODES.size()));
        List<PopNode> targets = Targets.pick(mode, cluster, random);
        targets.forEach(PopNode::pause);
        paused.addAll(targets);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        out.put("paused", Targets.ids(targets));
        return out;
    }

    @Override
    public synchronized Map<String, Object> stop() {
        List<PopNode> targets = List.copyOf(paused);
        targets.forEach(PopNode::resume);
        paused.clear();
        return Map.of("resumed", Targets.ids(targets));
    }
}
