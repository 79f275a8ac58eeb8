package dev.pop.jepsen.runner;

import dev.pop.jepsen.nemesis.Nemeses;
import dev.pop.jepsen.workload.ReadRouting;
import java.time.Duration;
import java.util.Objects;

/**
 * One run of the harness, as given on the command line (see {@code PopJepsen} for each option's meaning).
 *
 * @param workload         workload name ({@code register}, {@code set})
 * @param nemesis          nemesis spec, e.g. {@code partition,kill,pause}
 * @param nodes            cluster size
 * @param time             how long the clients run (before heal and final reads)
 * @param rate             operations per second over all clients; 0 for no limit
 * @param seed             seeds the generators and the nemesis schedule
 * @param unsafeLocalReads start the servers with the test-only {@code --unsafe-local-reads}
 * @param concurrency      logical clients
 * @param interval         nemesis period: each fault lasts interval..2×interval, and so does each heal period
 * @param readRouting      which member answers reads
 * @param readFraction     share of register operations that are reads
 * @param keys             keys in use at a time
 * @param opsPerKey        operations per key before it is replaced
 * @param opTimeout        the SDK's per-call deadline
 * @param checkBudget      time allowed for the linearizability search
 * @param name             run directory name; null for {@code <time>-<workload>-<nemesis>}
 */
public record RunOptions(String workload, String nemesis, int nodes, Duration time, double rate, long seed,
                         boolean unsafeLocalReads, int concurrency, Duration interval, ReadRouting readRouting,
                         double readFraction, int keys, int opsPerKey, Duration opTimeout, Duration checkBudget, String name) {
    public RunOptions {
        Objects.requireNonNull(workload, "workload");
        nemesis = Nemeses.validate(nemesis);
        if (nodes < 1 || nodes > 9) {
            throw new IllegalArgumentException("--nodes must be 1..9 (3 or 5 make sense), got " + nodes);
        }
        if (time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("--time must be > 0");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be >= 1");
        }
    }

    /** Defaults for everything but the workload, nemesis, size and time. */
    public static RunOptions of(String workload, String nemesis, int nodes, Duration time) {
        return new RunOptions(workload, nemesis, nodes, time, 100, System.currentTimeMillis(), false, 10,
                Duration.ofSeconds(5), ReadRouting.MIXED, 0.5, 5, 500, Duration.ofSeconds(2), Duration.ofSeconds(60),
                null);
    }

    public RunOptions withSeed(long s) {
        return new RunOptions(workload, nemesis, nodes, time, rate, s, unsafeLocalReads, concurrency, interval,
                readRouting, readFraction, keys, opsPerKey, opTimeout, checkBudget, name);
    }

    public RunOptions withRate(double r) {
        return new RunOptions(workload, nemesis, nodes, time, r, seed, unsafeLocalReads, concurrency, interval,
                readRouting, readFraction, keys, opsPerKey, opTimeout, checkBudget, name);
    }

    public RunOptions withUnsafeLocalReads(boolean u) {
        return new RunOptions(workload, nemesis, nodes, time, rate, seed, u, concurrency, interval, readRouting,
                readFraction, keys, opsPerKey, opTimeout, checkBudget, name);
    }

    public RunOptions withInterval(Duration i) {
        return new RunOptions(workload, nemesis, nodes, time, rate, seed, unsafeLocalReads, concurrency, i,
                readRouting, readFraction, keys, opsPerKey, opTimeout, checkBudget, name);
    }

    public RunOptions withReadRouting(ReadRouting r) {
        return new RunOptions(workload, nemesis, nodes, time, rate, seed, unsafeLocalReads, concurrency, interval,
                r, readFraction, keys, opsPerKey, opTimeout, checkBudget, name);
    }

    public RunOptions withReadFraction(double f) {
        return new RunOptions(workload, nemesis, nodes, time, rate, seed, unsafeLocalReads, concurrency, interval,
                readRouting, f, keys, opsPerKey, opTimeout, checkBudget, name);
    }

    public RunOptions withConcurrency(int c) {
        return new RunOptions(workload, nemesis, nodes, time, rate, seed, unsafeLocalReads, c, interval,
                readRouting, readFraction, keys, opsPerKey, opTimeout, checkBudget, name);
    }

    public RunOptions withOpTimeout(Duration t) {
        return new RunOptions(workload, nemesis, nodes, time, rate, seed, unsafeLocalReads, concurrency, interval,
                readRouting, readFraction, keys, opsPerKey, t, checkBudget, name);
    }

    public RunOptions withName(String n) {
        return new RunOptions(workload, nemesis, nodes, time, rate, seed, unsafeLocalReads, concurrency, interval,
                readRouting, readFraction, keys, opsPerKey, opTimeout, checkBudget, n);
    }
}
