package dev.pop.jepsen.nemesis;

import dev.pop.jepsen.cluster.PopCluster;
import dev.pop.jepsen.cluster.PopNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Picks the members a fault hits: one, the leader, a minority, a majority, all. */
final class Targets {
    private Targets() {
    }

    static List<PopNode> shuffled(List<PopNode> nodes, SplittableRandom random) {
        List<PopNode> out = new ArrayList<>(nodes);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            PopNode tmp = out.get(i);
            out.set(i, out.get(j));
            out.set(j, tmp);
        }
        return out;
    }

    static int majority(int n) {
        return n / 2 + 1;
    }

    /** The members a fault of this mode hits ({@code one}, {@code leader}, {@code minority}, {@code majority}, {@code all}). */
    static List<PopNode> pick(String mode, PopCluster cluster, SplittableRandom random) {
        List<PopNode> all = shuffled(cluster.nodes(), random);
        return switch (mode) {
            case "one" -> all.subList(0, 1);
            case "leader" -> List.of(cluster.leader().orElse(all.get(0)));
            case "minority" -> all.subList(0, Math.max(1, (all.size() - 1) / 2));
            case "majority" -> all.subList(0, majority(all.size()));
            case "all" -> all;
            default -> throw new IllegalArgumentException("unknown target mode " + mode);
        };
    }

    static List<String> ids(List<PopNode> nodes) {
        return nodes.stream().map(PopNode::id).sorted().toList();
    }
}
