package dev.pop.jepsen.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One operation of a history: its invocation and how it completed.
 *
 * <p>{@code value} is the operation's input (the written value, {@code [expected, new]} of a cas, the delta of
 * an increment, the data of an append, a fence) and {@code result} its output (the value read, whether a cas
 * matched, the seq of an append, the fence granted). Both hold JSON-shaped data only: {@code null},
 * {@link String}, {@link Boolean}, {@link Long}, {@link Double}, {@link List} and {@code Map<String, ?>} of
 * those; integers are widened to {@code Long} so that a history read back from JSON equals the one written.
 *
 * <p>Times are {@link System#nanoTime()} readings relative to the recorder's start. {@code completeNanos} is the
 * time the client saw the outcome; for INFO it is when the client gave up, which checkers ignore (an INFO
 * operation's effect may land at any later time), and for INVOKE it is {@link #NOT_COMPLETED}.
 *
 * @param index     unique id of the operation within its history, in invoke order
 * @param process   the logical client that ran it; one operation at a time per process; {@link #NEMESIS} for faults
 * @param type      how it ended
 * @param f         the function, e.g. read, write, cas, add, incr, append, acquire, release
 * @param key       the key, set, counter, lock, resource or stream it acts on (null when there is only one)
 * @param error     why it failed or is unknown, as the client saw it (null for OK)
 * @param extra     further fields a workload wants to keep (revision, node, ...), never null
 */
public record Op(long index, int process, OpType type, String f, String key, Object value, Object result,
                 long invokeNanos, long completeNanos, String error, Map<String, Object> extra) {

    /** Process id used for nemesis (fault) events. */
    public static final int NEMESIS = -1;
    /** {@code completeNanos} of an operation that never completed. */
    public static final long NOT_COMPLETED = -1;

    public Op {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(f, "f");
        value = normalize(value);
        result = normalize(result);
        @SuppressWarnings("unchecked")
        Map<String, Object> normalizedExtra = extra == null ? Map.of() : (Map<String, Object>) normalize(extra);
        extra = normalizedExtra;
        if (type == OpType.INVOKE) {
            completeNanos = NOT_COMPLETED;
        } else if (completeNanos < invokeNanos) {
            throw new IllegalArgumentException("op " + index + " (" + f + ") completes at " + completeNanos
                    + " before its invoke at " + invokeNanos);
        }
    }

    public boolean isOk() {
        return type == OpType.OK;
    }

    public boolean isFail() {
        return type == OpType.FAIL;
    }

    /** INFO or INVOKE: may have taken effect at any time after its invoke, or never. */
    public boolean isUnknown() {
        return type.isUnknown();
    }

    public boolean isNemesis() {
        return process == NEMESIS;
    }

    /** Completion time for real-time order: +infinity for operations whose outcome is unknown. */
    public long effectiveCompleteNanos() {
        return isUnknown() ? Long.MAX_VALUE : completeNanos;
    }

    /** Client-observed latency in nanoseconds, or -1 when the operation never completed. */
    public long latencyNanos() {
        return type == OpType.INVOKE ? -1 : completeNanos - invokeNanos;
    }

    /** {@code value} as a long (for deltas, fences, seqs); fails loudly on anything else. */
    public long valueAsLong() {
        return asLong(value, "value");
    }

    /** {@code result} as a long (for fences, seqs, counter reads); fails loudly on anything else. */
    public long resultAsLong() {
        return asLong(result, "result");
    }

    /** A short human description: {@code p3 ok write k1 "4" -> null @1.204s..1.210s}. */
    public String describe() {
        return "p" + process + " " + type.jsonName() + " " + f + (key == null ? "" : " " + key)
                + (value == null ? "" : " " + render(value)) + (result == null ? "" : " -> " + render(result))
                + " @" + seconds(invokeNanos) + ".." + (type == OpType.INVOKE ? "?" : seconds(completeNanos));
    }

    /** Seconds with millisecond precision, the unit used in all checker descriptions. */
    public static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3fs", nanos / 1e9);
    }

    /** Renders a value the way it appears in JSON: strings quoted, null as null. */
    public static String render(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    private long asLong(Object v, String field) {
        if (v instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("op " + index + " (" + f + "): " + field + " is not an integer: " + v);
    }

    /** Widens numbers and freezes collections so values compare equal after a JSON round trip. */
    static Object normalize(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float fl) {
            return fl.doubleValue();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(normalize(e));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException("map keys in op values must be strings: " + e.getKey());
                }
                out.put(k, normalize(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        throw new IllegalArgumentException("op values must be JSON-shaped (null, String, Boolean, Long, Double, "
                + "List, Map); got " + v.getClass().getName());
    }
}
