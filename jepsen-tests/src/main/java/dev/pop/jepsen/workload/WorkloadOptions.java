package dev.pop.jepsen.workload;

import java.util.List;

/**
 * Settings shared by the workloads.
 *
 * @param members      the members' ids, for reads routed to a member
 * @param readRouting  where linearizable reads go
 * @param keys         keys (registers, sets) in use at a time
 * @param opsPerKey    operations on a key before it is retired for a fresh one, which keeps each key's history
 *                     small enough for the linearizability search
 * @param readFraction share of the register workload's operations that are reads (0..1)
 */
public record WorkloadOptions(List<String> members, ReadRouting readRouting, int keys, int opsPerKey,
                              double readFraction) {
    public WorkloadOptions {
        members = List.copyOf(members);
        if (keys < 1 || opsPerKey < 1) {
            throw new IllegalArgumentException("--keys and --ops-per-key must be >= 1");
        }
        if (readFraction < 0 || readFraction > 1) {
            throw new IllegalArgumentException("--read-fraction must be in [0, 1], got " + readFraction);
        }
    }
}
