package dev.pop.jepsen.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed number of active keys, each retired after a number of operations and replaced by a fresh one, so that
 * every key's history stays small (the linearizability search is per key) while operations stay concentrated on
 * few keys (which is what makes concurrent operations on one key, and so anomalies, likely). A key is also retired
 * early once it has collected {@code maxUnknown} operations of unknown outcome: each of them may take effect at
 * any later point, which is what makes the search exponential.
 */
final class KeyRotation {
    private final String prefix;
    private final int opsPerKey;
    private final String[] active;
    private final int[] used;
    private final int[] unknown;
    private final int maxUnknown;
    private final List<String> all = new ArrayList<>();
    private int nextId;

    KeyRotation(String prefix, int keys, int opsPerKey) {
        this(prefix, keys, opsPerKey, Integer.MAX_VALUE);
    }

    KeyRotation(String prefix, int keys, int opsPerKey, int maxUnknown) {
        this.prefix = prefix;
        this.opsPerKey = opsPerKey;
        this.maxUnknown = maxUnknown;
        this.active = new String[keys];
        this.used = new int[keys];
        this.unknown = new int[keys];
        for (int i = 0; i < keys; i++) {
            active[i] = fresh();
        }
    }

    /** A random active key, counting one operation on it. */
    synchronized String next(SplittableRandom random) {
        int i = random.nextInt(active.length);
        String key = active[i];
        if (++used[i] >= opsPerKey) {
            replace(i);
        }
        return key;
    }

    /** An operation on {@code key} ended with unknown outcome; retires the key if it has had too many. */
    synchronized void noteUnknown(String key) {
        for (int i = 0; i < active.length; i++) {
            if (active[i].equals(key)) {
                if (++unknown[i] >= maxUnknown) {
                    replace(i);
                }
                return;
            }
        }
    }

    private void replace(int i) {
        active[i] = fresh();
        used[i] = 0;
        unknown[i] = 0;
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
