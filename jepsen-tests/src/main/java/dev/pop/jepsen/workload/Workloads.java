package dev.pop.jepsen.workload;

import java.time.Duration;
import java.util.List;

/** The workloads by name. Counter, lock, append, watch, lease and saga join as the SDK gains those features. */
public final class Workloads {
    /** Workloads that exist today. */
    public static final List<String> NAMES = List.of(RegisterWorkload.NAME, SetWorkload.NAME, AppendWorkload.NAME,
            CounterWorkload.NAME);
    /** Workloads the SPEC names that wait for SDK features (txn, counters, locks, logs, watches, leases, sagas). */
    public static final List<String> PLANNED = List.of("lock", "watch", "lease", "saga");

    private Workloads() {
    }

    public static Workload create(String name, WorkloadOptions options, Duration checkBudget) {
        return switch (name) {
            case RegisterWorkload.NAME -> new RegisterWorkload(options, checkBudget);
            case SetWorkload.NAME -> new SetWorkload(options);
            case AppendWorkload.NAME -> new AppendWorkload(options);
            case CounterWorkload.NAME -> new CounterWorkload(options);
            default -> throw new IllegalArgumentException(PLANNED.contains(name)
                    ? "workload " + name + " waits for its SDK feature; available: " + NAMES
                    : "unknown workload " + name + "; available: " + NAMES);
        };
    }
}
