package dev.pop.jepsen.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-made histories for tests; times are given in milliseconds. */
public final class HistoryBuilder {
    private final List<Op> ops = new ArrayList<>();

    public static long ms(long millis) {
        return millis * 1_000_000L;
    }

    public Op add(OpType type, int process, String f, String key, Object value, Object result, long fromMs,
                  long toMs) {
        Op op = new Op(ops.size(), process, type, f, key, value, result, ms(fromMs), ms(toMs),
                type == OpType.OK ? null : "test", Map.of());
        ops.add(op);
        return op;
    }

    public Op ok(int process, String f, String key, Object value, Object result, long fromMs, long toMs) {
        return add(OpType.OK, process, f, key, value, result, fromMs, toMs);
    }

    public Op fail(int process, String f, String key, Object value, long fromMs, long toMs) {
        return add(OpType.FAIL, process, f, key, value, null, fromMs, toMs);
    }

    public Op info(int process, String f, String key, Object value, long fromMs, long toMs) {
        return add(OpType.INFO, process, f, key, value, null, fromMs, toMs);
    }

    public Op write(int process, String key, Object value, long fromMs, long toMs) {
        return ok(process, "write", key, value, null, fromMs, toMs);
    }

    public Op read(int process, String key, Object result, long fromMs, long toMs) {
        return ok(process, "read", key, null, result, fromMs, toMs);
    }

    public Op cas(int process, String key, Object expected, Object update, boolean matched, long fromMs, long toMs) {
        return ok(process, "cas", key, List.of(expected, update), matched, fromMs, toMs);
    }

    public List<Op> build() {
        return List.copyOf(ops);
    }
}
