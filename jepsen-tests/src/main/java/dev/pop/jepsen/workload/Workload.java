package dev.pop.jepsen.workload;

import dev.pop.client.PopClient;
import dev.pop.jepsen.checker.Checker;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A workload: what the logical clients do (generator), how one operation runs through the SDK (client), what runs
 * once the cluster is healed (final reads), and which named validators judge the history (checkers). The runner
 * records every operation and classifies its outcome (see {@link OutcomeClassifier}); a workload only produces
 * operations and results.
 *
 * <p>Implementations are thread-safe: {@link #next} and {@link #apply} are called by many client threads at once.
 * Adding a workload (counter, lock, append, watch, lease, saga as those features land) means implementing this
 * interface and registering it in {@link Workloads}.
 */
public interface Workload {
    /** The name used on the command line, e.g. {@code register}. */
    String name();

    /** The next operation for logical client {@code process}. */
    Operation next(int process, SplittableRandom random);

    /**
     * Runs {@code op} through the SDK.
     *
     * @return what the cluster acknowledged
     * @throws RuntimeException any failure; the runner decides between fail and info
     */
    OpResult apply(PopClient client, Operation op);

    /** Operations to run after the cluster is healed, each retried until it is acknowledged (final reads). */
    List<Operation> finalOperations();

    /** The validators of this workload's guarantees. */
    List<Checker> checkers();
}
