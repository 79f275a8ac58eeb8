package dev.pop.jepsen.nemesis;

import dev.pop.jepsen.cluster.PopCluster;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code --nemesis}: a comma-separated list of {@code partition} (all modes) or {@code partition-halves},
 * {@code partition-leader}, {@code partition-ring}; {@code kill}; {@code pause}; {@code clock}; {@code all} (every
 * one available); {@code none}.
 */
public final class Nemeses {
    public static final List<String> NAMES = List.of("partition", "partition-halves", "partition-leader",
            "partition-ring", "kill", "pause", "clock", "all", "none");
    /** What {@code all} means today. {@code member} joins when the membership API exists. */
    public static final List<String> ALL = List.of("partition", "kill", "pause", "clock");

    private Nemeses() {
    }

    /** Checks a spec without a cluster; returns it normalized (lower case, no blanks). */
    public static String validate(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        for (String part : s.split(",")) {
            if (part.equals("member")) {
                throw new IllegalArgumentException("nemesis member (remove and re-add members) waits for the "
                        + "membership API (SDK Cluster add/remove, POST/DELETE /v1/members); available: " + NAMES);
            }
            if (!NAMES.contains(part)) {
                throw new IllegalArgumentException("unknown nemesis " + part + "; available: " + NAMES);
            }
        }
        return s;
    }

    /** The nemeses of a spec, in a fixed order. */
    public static List<Nemesis> create(String spec, PopCluster cluster) {
        Set<String> parts = new LinkedHashSet<>(List.of(validate(spec).split(",")));
        if (parts.remove("all")) {
            parts.addAll(ALL);
        }
        parts.remove("none");
        List<String> partitionModes = new ArrayList<>();
        for (String p : parts) {
            if (p.equals("partition")) {
                partitionModes.addAll(PartitionNemesis.MODES);
            } else if (p.startsWith("partition-")) {
                partitionModes.add(p.substring("partition-".length()));
            }
        }
        List<Nemesis> out = new ArrayList<>();
        if (!partitionModes.isEmpty()) {
            out.add(new PartitionNemesis(cluster, new ArrayList<>(new LinkedHashSet<>(partitionModes))));
        }
        if (parts.contains("kill")) {
            out.add(new KillNemesis(cluster));
        }
        if (parts.contains("pause")) {
            out.add(new PauseNemesis(cluster));
        }
        if (parts.contains("clock")) {
            out.add(new ClockNemesis(cluster));
        }
        return out;
    }
}
