package dev.pop.jepsen.nemesis;

import dev.pop.jepsen.cluster.PopCluster;
import dev.pop.jepsen.cluster.PopNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * {@code kill}: SIGKILL to the server of one member, the leader, a majority or all members at once (a crash
 * with no warning: whatever was not fsync'd is gone); healing restarts them with the same data directories.
 * Killing all members checks that nothing acknowledged is lost across a full restart.
 */
public final class KillNemesis implements Nemesis {
    private static final List<String> MODES = List.of("one", "leader", "majority", "all");

    private final PopCluster cluster;
    private final List<PopNode> killed = new ArrayList<>();

    public KillNemesis(PopCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "kill";
    }

    @Override
    public synchronized Map<String, Object> start(SplittableRandom random) {
        String mode = MODES.get(random.nextInt(MODES.size()));
        List<PopNode> targets = Targets.pick(mode, cluster, random);
        CompletableFuture.allOf(targets.stream().map(n -> CompletableFuture.runAsync(n::kill))
                .toArray(CompletableFuture[]::new)).join();
        killed.addAll(targets);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        out.put("killed", Targets.ids(targets));
        return out;
    }

    @Override
    public synchronized Map<String, Object> stop() {
        List<PopNode> targets = List.copyOf(killed);
        CompletableFuture.allOf(targets.stream().map(n -> CompletableFuture.runAsync(n::restart))
                .toArray(CompletableFuture[]::new)).join();
        killed.clear();
        return Map.of("restarted", Targets.ids(targets));
    }
}
