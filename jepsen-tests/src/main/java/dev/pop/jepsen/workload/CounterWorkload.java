package dev.pop.jepsen.workload;

import dev.pop.client.PopClient;
import dev.pop.client.counter.IncrementResult;
import dev.pop.client.kv.GetResult;
import dev.pop.jepsen.checker.Checker;
import dev.pop.jepsen.checker.CounterValidator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code counter}: increments by 1–5 of a few counters and linearizable reads of them; after the cluster is healed,
 * a final read of each. Checked by {@link CounterValidator}: every read lies between the increments certainly applied
 * before it began and those possibly applied before it ended, and reads never go backwards (all deltas are positive).
 *
 * <p>Counters are fixed (no rotation): a counter's history is a sum, so its length does not slow the checker. One
 * operation in four is a read.
 */
public final class CounterWorkload implements Workload {
    public static final String NAME = "counter";
    static final String KEY_PREFIX = "jepsen/counter/";
    private static final int READ_ONE_IN = 4;
    private static final int MAX_DELTA = 5;

    private final int counters;

    public CounterWorkload(WorkloadOptions options) {
        this.counters = Math.max(1, options.keys());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Operation next(int process, SplittableRandom random) {
        String counter = "c" + random.nextInt(counters);
        if (random.nextInt(READ_ONE_IN) == 0) {
            return Operation.read(CounterValidator.READ, counter, Map.of());
        }
        return Operation.update(CounterValidator.INCR, counter, (long) (1 + random.nextInt(MAX_DELTA)));
    }

    @Override
    public OpResult apply(PopClient client, Operation op) {
        byte[] key = (KEY_PREFIX + op.key()).getBytes(StandardCharsets.UTF_8);
        switch (op.f()) {
            case CounterValidator.INCR: {
                IncrementResult r = client.counters().increment(key, (Long) op.value(),
                        dev.pop.client.counter.Bounds.NONE);
                return OpResult.of(r.value(), r.header());
            }
            case CounterValidator.READ: {
                GetResult r = client.kv().get(key, dev.pop.client.kv.GetOptions.DEFAULT);
                long value = r.first().map(kv -> Long.parseLong(kv.valueUtf8())).orElse(0L);
                return OpResult.of(value, r.header());
            }
            default:
                throw new IllegalArgumentException("counter cannot run " + op.f());
        }
    }

    @Override
    public List<Operation> finalOperations() {
        List<Operation> reads = new ArrayList<>();
        for (int i = 0; i < counters; i++) {
            reads.add(Operation.read(CounterValidator.READ, "c" + i, Map.of("final", true)));
        }
        return reads;
    }

    @Override
    public List<Checker> checkers() {
        return List.of(new CounterValidator());
    }
}
