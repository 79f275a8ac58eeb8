package dev.pop.jepsen.workload;

import dev.pop.client.PopClient;
import dev.pop.jepsen.history.HistoryRecorder;
import dev.pop.jepsen.history.OpType;
import dev.pop.jepsen.history.PendingOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jepsen's client role: {@code concurrency} logical clients, each a thread running one operation at a time
 * through one shared {@link PopClient}, every operation recorded as invoke then ok / fail / info. A client whose
 * operation ended as info takes a new process id (+concurrency), since that operation may still be in flight.
 */
public final class WorkloadDriver {
    /** Process ids of the final operations start here, apart from the clients'. */
    public static final int FINAL_PROCESS_BASE = 100_000;

    private final Workload workload;
    private final PopClient client;
    private final HistoryRecorder recorder;
    private final int concurrency;
    private final RateLimiter limiter;
    private final SplittableRandom seedRandom;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> crashes = new ConcurrentLinkedQueue<>();
    private volatile boolean running;

    public WorkloadDriver(Workload workload, PopClient client, HistoryRecorder recorder, int concurrency,
                          RateLimiter limiter, long seed) {
        this.workload = workload;
        this.client = client;
        this.recorder = recorder;
        this.concurrency = concurrency;
        this.limiter = limiter;
        this.seedRandom = new SplittableRandom(seed);
    }

    /** Starts the clients; they run until {@link #stop}. */
    public synchronized void start() {
        running = true;
        for (int i = 0; i < concurrency; i++) {
            int first = i;
            SplittableRandom random = seedRandom.split();
            Thread t = new Thread(() -> clientLoop(first, random), "pop-jepsen-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void clientLoop(int firstProcess, SplittableRandom random) {
        int process = firstProcess;
        try {
            while (running) {
                limiter.acquire();
                if (!running) {
                    break;
                }
                if (run(process, workload.next(process, random)) == OpType.INFO) {
                    process += concurrency;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            crashes.add(e);
        }
    }

    /** Runs one operation and records it; returns how it ended. */
    public OpType run(int process, Operation op) {
        PendingOp pending = recorder.invoke(process, op.f(), op.key(), op.value(), op.extra());
        try {
            OpResult r = workload.apply(client, op);
            recorder.complete(pending, OpType.OK, r.result(), null, r.extra());
            return OpType.OK;
        } catch (RuntimeException e) {
            OpType type = OutcomeClassifier.classify(e, op.readOnly());
            recorder.complete(pending, type, null, OutcomeClassifier.describe(e), Map.of());
            return type;
        }
    }

    /**
     * Stops the clients: each finishes its current operation (bounded by the SDK timeout); a client still busy
     * after {@code grace} is interrupted and its operation stays open (unknown outcome) in the history.
     */
    public void stop(Duration grace) throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (t.isAlive()) {
                t.interrupt();
            }
        }
    }

    /**
     * Runs the workload's final operations, several at a time, each retried until acknowledged or until
     * {@code timeout} has passed.
     *
     * @return how many never succeeded
     */
    public int runFinal(Duration timeout) throws InterruptedException {
        List<Operation> ops = workload.finalOperations();
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> finals = new ArrayList<>();
        for (int i = 0; i < Math.min(concurrency, ops.size()); i++) {
            int process = FINAL_PROCESS_BASE + i;
            Thread t = new Thread(() -> {
                for (int j = next.getAndIncrement(); j < ops.size(); j = next.getAndIncrement()) {
                    if (!retryUntilOk(process, ops.get(j), deadline)) {
                        failed.incrementAndGet();
                    }
                }
            }, "pop-jepsen-final-" + i);
            t.setDaemon(true);
            finals.add(t);
            t.start();
        }
        for (Thread t : finals) {
            t.join();
        }
        return failed.get();
    }

    private boolean retryUntilOk(int process, Operation op, long deadline) {
        int p = process;
        while (System.nanoTime() < deadline) {
            OpType t = run(p, op);
            if (t == OpType.OK) {
                return true;
            }
            if (t == OpType.INFO) {
                p += concurrency;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Exceptions that ended a client thread early (bugs in the harness, not outcomes of operations). */
    public List<Throwable> crashes() {
        return List.copyOf(crashes);
    }
}
