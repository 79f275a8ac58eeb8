package dev.pop.jepsen.checker;

import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates register histories by running a real linearizable register: every applied operation takes effect at
 * a random instant inside its invoke..complete interval (unknown-outcome ones possibly later, or never), and reads
 * return what the register held at that instant. Written values are unique, so a read names its writer.
 */
final class RegisterSimulation {
    private final Random random;
    private final int processes;
    private final int keys;
    private final double failRate;
    private final double infoRate;

    private record Planned(int process, String f, String key, Object value, long invoke, long complete,
                           OpType type, long effect) {
    }

    RegisterSimulation(long seed, int processes, int keys, double failRate, double infoRate) {
        this.random = new Random(seed);
        this.processes = processes;
        this.keys = keys;
        this.failRate = failRate;
        this.infoRate = infoRate;
    }

    List<Op> run(int opsPerProcess) {
        List<Planned> planned = new ArrayList<>();
        Map<String, List<Object>> written = new HashMap<>();
        long unique = 0;
        for (int p = 0; p < processes; p++) {
            long t = random.nextInt(5_000_000);
            for (int i = 0; i < opsPerProcess; i++) {
                String key = "k" + random.nextInt(keys);
                long duration = 100_000 + random.nextInt(20_000_000);
                int dice = random.nextInt(10);
                String f = dice < 5 ? "read" : dice < 8 ? "write" : "cas";
                Object value = null;
                if (f.equals("write")) {
                    value = "v" + unique++;
                    written.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                } else if (f.equals("cas")) {
                    List<Object> seen = written.getOrDefault(key, List.of());
                    Object expected = seen.isEmpty() || random.nextInt(8) == 0 ? null
                            : seen.get(random.nextInt(seen.size()));
                    value = Arrays.asList(expected, "v" + unique++);
                    written.computeIfAbsent(key, k -> new ArrayList<>()).add(((List<?>) value).get(1));
                }
                double outcome = random.nextDouble();
                OpType type = outcome < failRate ? OpType.FAIL : outcome < failRate + infoRate ? OpType.INFO : OpType.OK;
                long effect = t + 1 + (long) (random.nextDouble() * (duration - 2));
                if (type == OpType.FAIL) {
                    effect = Long.MAX_VALUE; // never applied
                } else if (type == OpType.INFO) {
                    effect = random.nextBoolean() ? Long.MAX_VALUE : t + 1 + (long) (random.nextDouble() * duration * 3);
                }
                planned.add(new Planned(p, f, key, value, t, t + duration, type, effect));
                t += duration + random.nextInt(3_000_000);
            }
        }
        Map<Planned, Object> results = new HashMap<>();
        Map<String, Object> register = new HashMap<>();
        planned.stream().filter(o -> o.effect() != Long.MAX_VALUE)
                .sorted(Comparator.comparingLong(Planned::effect)).forEach(o -> {
                    Object current = register.get(o.key());
                    switch (o.f()) {
                        case "read" -> results.put(o, current);
                        case "write" -> register.put(o.key(), o.value());
                        default -> {
                            List<?> args = (List<?>) o.value();
                            boolean matched = java.util.Objects.equals(current, args.get(0));
                            if (matched) {
                                register.put(o.key(), args.get(1));
                            }
                            results.put(o, matched);
                        }
                    }
                });
        List<Op> history = new ArrayList<>();
        planned.sort(Comparator.comparingLong(Planned::invoke));
        for (Planned o : planned) {
            Object result = o.type() == OpType.OK ? results.get(o) : null;
            history.add(new Op(history.size(), o.process(), o.type(), o.f(), o.key(), o.value(), result, o.invoke(),
                    o.complete(), o.type() == OpType.OK ? null : "simulated", null));
        }
        return history;
    }

    /**
     * Makes one OK read return a value that was certainly overwritten before the read began: a write W1, then a
     * write W2 that began after W1 completed, and the read began after W2 completed. Returns null if the history
     * has no such triple.
     */
    static List<Op> withStaleRead(List<Op> history, Random random) {
        List<Op> reads = new ArrayList<>(history.stream().filter(o -> o.isOk() && o.f().equals("read")).toList());
        java.util.Collections.shuffle(reads, random);
        for (Op read : reads) {
            List<Op> setters = history.stream().filter(o -> o.isOk() && o.key().equals(read.key())
                    && o.completeNanos() < read.invokeNanos() && setsValue(o)).toList();
            for (Op w1 : setters) {
                for (Op w2 : setters) {
                    if (w1.completeNanos() < w2.invokeNanos()) {
                        List<Op> out = new ArrayList<>(history);
                        out.set((int) read.index(), new Op(read.index(), read.process(), read.type(), read.f(),
                                read.key(), null, newValue(w1), read.invokeNanos(), read.completeNanos(), null, null));
                        return out;
                    }
                }
            }
        }
        return null;
    }

    private static boolean setsValue(Op op) {
        return op.f().equals("write") || op.f().equals("cas") && Boolean.TRUE.equals(op.result());
    }

    private static Object newValue(Op op) {
        return op.f().equals("write") ? op.value() : ((List<?>) op.value()).get(1);
    }
}
