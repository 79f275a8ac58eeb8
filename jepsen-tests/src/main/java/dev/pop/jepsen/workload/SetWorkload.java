package dev.pop.jepsen.workload;

import dev.pop.client.PopClient;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.kv.PutResult;
import dev.pop.jepsen.checker.Checker;
import dev.pop.jepsen.checker.SetValidator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code set}: unique adds, each a put of its own key under the set's prefix, and linearizable prefix reads of the
 * whole set; after the cluster is healed, a final read of every set. Checked by {@link SetValidator}: no
 * acknowledged add is lost, and no read shows an element that was never added (or whose add failed).
 *
 * <p>Sets rotate after {@code opsPerKey} operations so that reads stay small. One operation in ten is a read.
 */
public final class SetWorkload implements Workload {
    public static final String NAME = "set";
    static final String KEY_PREFIX = "jepsen/set/";
    private static final int READ_ONE_IN = 10;

    private final WorkloadOptions options;
    private final KeyRotation sets;
    private final AtomicLong nextElement = new AtomicLong(1);

    public SetWorkload(WorkloadOptions options) {
        this.options = options;
        this.sets = new KeyRotation("s", options.keys(), options.opsPerKey());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Operation next(int process, SplittableRandom random) {
        String set = sets.next(random);
        if (random.nextInt(READ_ONE_IN) == 0) {
            String member = options.readRouting().pick(options.members(), random);
            return Operation.read(SetValidator.READ, set, ReadRouting.extraFor(member));
        }
        return Operation.update(SetValidator.ADD, set, nextElement.getAndIncrement());
    }

    @Override
    public OpResult apply(PopClient client, Operation op) {
        String prefix = KEY_PREFIX + op.key() + "/";
        switch (op.f()) {
            case SetValidator.ADD: {
                long element = (Long) op.value();
                byte[] key = (prefix + String.format("%012d", element)).getBytes(StandardCharsets.UTF_8);
                PutResult r = client.kv().put(key, String.valueOf(element).getBytes(StandardCharsets.UTF_8),
                        PutOptions.DEFAULT);
                return OpResult.of(null, r.header());
            }
            case SetValidator.READ: {
                GetOptions.Builder get = GetOptions.builder().prefix(true);
                Object member = op.extra().get("node");
                if (member != null) {
                    get.member(member.toString());
                }
                GetResult r = client.kv().get(prefix.getBytes(StandardCharsets.UTF_8), get.build());
                if (r.more()) {
                    throw new IllegalStateException("set read of " + op.key() + " was cut short (more=true)");
                }
                List<Long> elements = new ArrayList<>(r.kvs().size());
                for (KeyValue kv : r.kvs()) {
                    elements.add(Long.valueOf(kv.valueUtf8()));
                }
                return OpResult.of(elements, r.header());
            }
            default:
                throw new IllegalArgumentException("set cannot run " + op.f());
        }
    }

    @Override
    public List<Operation> finalOperations() {
        List<Operation> reads = new ArrayList<>();
        for (String set : sets.all()) {
            reads.add(Operation.read(SetValidator.READ, set, Map.of("final", true)));
        }
        return reads;
    }

    @Override
    public List<Checker> checkers() {
        return List.of(new SetValidator());
    }
}
