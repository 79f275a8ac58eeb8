package dev.pop.jepsen.workload;

import dev.pop.client.PopClient;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.kv.PutResult;
import dev.pop.jepsen.checker.Checker;
import dev.pop.jepsen.checker.LinearizabilityChecker;
import dev.pop.jepsen.checker.StaleReadValidator;
import dev.pop.jepsen.history.OpType;
import dev.pop.jepsen.model.RegisterModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code register}: per-key linearizable registers. Writes put a value never written before (so a read names the
 * write it saw); reads ({@code readFraction} of the operations, half by default) are routed per
 * {@link ReadRouting}. Checked by the linearizability checker
 * (Wing–Gong–Lowe, per key) and the stale-read validator, which names the simplest violation outright.
 *
 * <p>Compare-and-set is not generated yet: the SDK has no transaction API. When {@code Txn} lands, a {@code cas}
 * operation ({@code [expected, new]}, result true/false) plugs into {@link RegisterModel} as it stands.
 */
public final class RegisterWorkload implements Workload {
    public static final String NAME = "register";
    static final String KEY_PREFIX = "jepsen/register/";
    /** Unknown-outcome writes a key may collect before it is retired (keeps the search tractable). */
    static final int MAX_UNKNOWN_PER_KEY = 10;

    private final WorkloadOptions options;
    private final KeyRotation keys;
    private final AtomicLong nextValue = new AtomicLong(1);
    private final Duration checkBudget;

    public RegisterWorkload(WorkloadOptions options, Duration checkBudget) {
        this.options = options;
        this.keys = new KeyRotation("r", options.keys(), options.opsPerKey(), MAX_UNKNOWN_PER_KEY);
        this.checkBudget = checkBudget;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Operation next(int process, SplittableRandom random) {
        String key = keys.next(random);
        if (random.nextDouble() < options.readFraction()) {
            String member = options.readRouting().pick(options.members(), random);
            return Operation.read(RegisterModel.READ, key, ReadRouting.extraFor(member));
        }
        return Operation.update(RegisterModel.WRITE, key, nextValue.getAndIncrement());
    }

    @Override
    public OpResult apply(PopClient client, Operation op) {
        byte[] key = (KEY_PREFIX + op.key()).getBytes(StandardCharsets.UTF_8);
        switch (op.f()) {
            case RegisterModel.READ: {
                GetOptions.Builder get = GetOptions.builder();
                Object member = op.extra().get("node");
                if (member != null) {
                    get.member(member.toString());
                }
                GetResult r = client.kv().get(key, get.build());
                Long value = r.first().map(kv -> Long.valueOf(kv.valueUtf8())).orElse(null);
                return OpResult.of(value, r.header());
            }
            case RegisterModel.WRITE: {
                byte[] value = String.valueOf(op.value()).getBytes(StandardCharsets.UTF_8);
                try {
                    PutResult r = client.kv().put(key, value, PutOptions.DEFAULT);
                    return OpResult.of(null, r.header());
                } catch (RuntimeException e) {
                    if (OutcomeClassifier.classify(e, false) == OpType.INFO) {
                        keys.noteUnknown(op.key());
                    }
                    throw e;
                }
            }
            default:
                throw new IllegalArgumentException("register cannot run " + op.f());
        }
    }

    @Override
    public List<Operation> finalOperations() {
        List<Operation> reads = new ArrayList<>();
        for (String key : keys.all()) {
            reads.add(Operation.read(RegisterModel.READ, key, java.util.Map.of("final", true)));
        }
        return reads;
    }

    @Override
    public List<Checker> checkers() {
        return List.of(LinearizabilityChecker.forRegisters().withTimeBudget(checkBudget), new StaleReadValidator());
    }
}
