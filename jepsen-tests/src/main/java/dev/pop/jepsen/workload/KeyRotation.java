package dev.pop.jepsen.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed number of active keys, each retired after a number of operations and replaced by a fresh one, so that
 * every key's history stays small (the linearizability search is per key) while operations stay concentrated on
 * few keys (which is what makes concurrent operations on one key, and so anomalies, likely).
 */
final class KeyRotation {
    private final String prefix;
    private final int opsPerKey;
    private final String[] active;
    private final int[] used;
    private final List<String> all = new ArrayList<>();
    private int nextId;

    KeyRotation(String prefix, int keys, int opsPerKey) {
        this.prefix = prefix;
        this.opsPerKey = opsPerKey;
        this.active = new String[keys];
        this.used = new int[keys];
        for (int i = 0; i < keys; i++) {
            active[i] = fresh();
        }
    }

    /** A random active key, counting one operation on it. */
    synchronized String next(SplittableRandom random) {
        int i = random.nextInt(active.length);
        String key = active[i];
        if (++used[i] >= opsPerKey) {
            active[i] = fresh();
            used[i] = 0;
        }
        return key;
    }

    /** The most recently created key (for workloads that favour the newest). */
    synchronized String newest() {
        return all.get(all.size() - 1);
    }

    /** Every key handed out so far, in creation order. */
    synchronized List<String> all() {
        return List.copyOf(all);
    }

    private String fresh() {
        String key = prefix + nextId++;
        all.add(key);
        return key;
    }
}
