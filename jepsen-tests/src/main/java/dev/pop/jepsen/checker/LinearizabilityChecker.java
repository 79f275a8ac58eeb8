package dev.pop.jepsen.checker;

import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.model.Model;
import dev.pop.jepsen.model.RegisterModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Linearizable: every operation appears to take effect atomically at one instant between its invoke and its
 * completion, in an order consistent with the model (Herlihy and Wing).
 *
 * <p>The history is split per key (P-compositionality: a history is linearizable iff each key's sub-history is),
 * and each key is searched independently with {@link LinearizabilitySearch} on a small thread pool. FAIL
 * operations are dropped (they did not happen); INFO and never-completed operations may take effect at any time
 * after their invoke, or never; unknown-outcome reads are dropped since they constrain nothing.
 *
 * <p>The whole check has a time budget shared by all keys. A key whose search does not finish within it, or
 * whose memo outgrows {@code maxStates}, is UNKNOWN, and so is the history unless another key is INVALID.
 */
public final class LinearizabilityChecker<S> implements Checker {
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);
    public static final long DEFAULT_MAX_STATES = 1_000_000;

    private final Model<S> model;
    private final Duration budget;
    private final int parallelism;
    private final long maxStates;

    public LinearizabilityChecker(Model<S> model) {
        this(model, DEFAULT_BUDGET, Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_STATES);
    }

    private LinearizabilityChecker(Model<S> model, Duration budget, int parallelism, long maxStates) {
        this.model = Objects.requireNonNull(model);
        this.budget = budget;
        this.parallelism = Math.max(1, parallelism);
        this.maxStates = maxStates;
    }

    /** A checker for per-key read / write / cas registers. */
    public static LinearizabilityChecker<RegisterModel.State> forRegisters() {
        return new LinearizabilityChecker<>(new RegisterModel());
    }

    /** Total wall time allowed for one {@link #analyze} over all keys. */
    public LinearizabilityChecker<S> withTimeBudget(Duration budget) {
        return new LinearizabilityChecker<>(model, budget, parallelism, maxStates);
    }

    /** How many keys are searched at once. */
    public LinearizabilityChecker<S> withParallelism(int threads) {
        return new LinearizabilityChecker<>(model, budget, threads, maxStates);
    }

    /** Memo entries one key's search may hold before it gives up as UNKNOWN (bounds memory). */
    public LinearizabilityChecker<S> withMaxStates(long states) {
        return new LinearizabilityChecker<>(model, budget, parallelism, states);
    }

    @Override
    public String name() {
        return "linearizable";
    }

    @Override
    public CheckResult check(List<Op> history) {
        return analyze(history).toCheckResult(name());
    }

    /** Checks {@code history}; see the class comment for how FAIL and unknown-outcome operations count. */
    public LinearizabilityResult analyze(List<Op> history) {
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        Map<String, List<Op>> byKey = new HashMap<>();
        int searched = 0;
        for (Op op : history) {
            if (!model.handles(op) || op.isFail() || (op.isUnknown() && model.isReadOnly(op))) {
                continue;
            }
            byKey.computeIfAbsent(model.partition(op), k -> new ArrayList<>()).add(op);
            searched++;
        }
        List<Map.Entry<String, List<Op>>> partitions = new ArrayList<>(byKey.entrySet());
        partitions.sort(Comparator.comparingInt((Map.Entry<String, List<Op>> e) -> -e.getValue().size()));

        AtomicBoolean cancelled = new AtomicBoolean();
        String budgetText = budget.toMillis() + " ms";
        List<Callable<PartitionResult>> searches = new ArrayList<>();
        for (Map.Entry<String, List<Op>> p : partitions) {
            searches.add(() -> new LinearizabilitySearch<>(model, p.getKey(), p.getValue(), deadline, maxStates,
                    cancelled::get, budgetText).run());
        }
        List<PartitionResult> results = run(searches, cancelled);
        results.sort(Comparator.comparing(PartitionResult::key, Comparator.nullsFirst(Comparator.naturalOrder())));
        Validity validity = Validity.VALID;
        for (PartitionResult r : results) {
            validity = validity.and(r.validity());
        }
        return new LinearizabilityResult(validity, results, searched, System.nanoTime() - started);
    }

    private List<PartitionResult> run(List<Callable<PartitionResult>> searches, AtomicBoolean cancelled) {
        List<PartitionResult> results = new ArrayList<>();
        int threads = Math.min(parallelism, searches.size());
        if (threads <= 1) { // no pool for the common single-key or single-thread case
            for (Callable<PartitionResult> search : searches) {
                try {
                    results.add(search.call());
                } catch (Exception e) {
                    throw new IllegalStateException("linearizability check failed: " + e, e);
                }
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "linearizability-check");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Future<PartitionResult> f : pool.invokeAll(searches)) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            cancelled.set(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("linearizability check interrupted", e);
        } catch (ExecutionException e) {
            cancelled.set(true);
            throw new IllegalStateException("linearizability check failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
