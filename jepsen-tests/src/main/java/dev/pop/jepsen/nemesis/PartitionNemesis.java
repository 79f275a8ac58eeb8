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
 * {@code partition}: cuts the network between members with iptables rules inside their containers (DROP, so
 * connections time out rather than being refused); the client in the test JVM still reaches every member. Modes:
 * <ul>
 *   <li>{@code halves}: a random minority against the rest;</li>
 *   <li>{@code leader}: the current leader alone against the rest (a deposed leader that still believes it
 *       leads is where stale reads come from);</li>
 *   <li>{@code ring}: majorities ring: members in a random ring, each hearing only from the next majority-1
 *       members, so every member sees a majority but no two see the same one (one-way drops).</li>
 * </ul>
 */
public final class PartitionNemesis implements Nemesis {
    public static final List<String> MODES = List.of("halves", "leader", "ring");

    private final PopCluster cluster;
    private final List<String> modes;

    public PartitionNemesis(PopCluster cluster, List<String> modes) {
        for (String m : modes) {
            if (!MODES.contains(m)) {
                throw new IllegalArgumentException("unknown partition mode " + m + "; modes: " + MODES);
            }
        }
        this.cluster = cluster;
        this.modes = List.copyOf(modes);
    }

    @Override
    public String name() {
        return "partition";
    }

    @Override
    public Map<String, Object> start(SplittableRandom random) {
        String mode = modes.get(random.nextInt(modes.size()));
        List<PopNode> ring = Targets.shuffled(cluster.nodes(), random);
        Map<PopNode, List<PopNode>> dropFrom = new LinkedHashMap<>();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        switch (mode) {
            case "halves", "leader" -> {
                List<PopNode> minority = mode.equals("leader")
                        ? List.of(cluster.leader().orElse(ring.get(0)))
                        : ring.subList(0, ring.size() / 2);
                List<PopNode> rest = new ArrayList<>(cluster.nodes());
                rest.removeAll(minority);
                minority.forEach(n -> dropFrom.put(n, rest));
                rest.forEach(n -> dropFrom.put(n, minority));
                out.put("minority", Targets.ids(minority));
                out.put("majority", Targets.ids(rest));
            }
            case "ring" -> {
                int n = ring.size();
                int hears = Targets.majority(n) - 1;
                Map<String, Object> grudges = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    List<PopNode> dropped = new ArrayList<>();
                    for (int d = hears + 1; d < n; d++) {
                        dropped.add(ring.get((i + d) % n));
                    }
                    dropFrom.put(ring.get(i), dropped);
                    grudges.put(ring.get(i).id(), Targets.ids(dropped));
                }
                out.put("ignores", grudges);
            }
            default -> throw new IllegalStateException(mode);
        }
        boolean symmetric = !mode.equals("ring");
        CompletableFuture.allOf(dropFrom.entrySet().stream().map(e -> CompletableFuture.runAsync(() ->
                e.getKey().dropFrom(e.getValue().stream().map(PopNode::ip).toList(), symmetric)))
                .toArray(CompletableFuture[]::new)).join();
        return out;
    }

    @Override
    public Map<String, Object> stop() {
        CompletableFuture.allOf(cluster.nodes().stream().map(n -> CompletableFuture.runAsync(n::healNetwork))
                .toArray(CompletableFuture[]::new)).join();
        return Map.of("healed", "network");
    }
}
