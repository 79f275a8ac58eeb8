package dev.pop.jepsen.workload;

import java.util.Map;

/**
 * An operation a workload wants run: the invocation Jepsen's generator produces.
 *
 * @param f        the function, e.g. {@code read}, {@code write}, {@code add}
 * @param key      the key, set or stream it acts on
 * @param value    its input (JSON-shaped, see {@link dev.pop.jepsen.history.Op})
 * @param readOnly whether it cannot change state: a read that fails in any way is then recorded as {@code fail}
 *                 (it had no effect whether or not it reached the cluster)
 * @param extra    fields to record with the invocation, e.g. the member a read is sent to
 */
public record Operation(String f, String key, Object value, boolean readOnly, Map<String, Object> extra) {
    public Operation {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public static Operation read(String f, String key, Map<String, Object> extra) {
        return new Operation(f, key, null, true, extra);
    }

    public static Operation update(String f, String key, Object value) {
        return new Operation(f, key, value, false, Map.of());
    }
}
