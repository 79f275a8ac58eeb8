package dev.pop.jepsen.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a log stream as a read returns it; in a history a read's result is a list of
 * {@code {"seq": 1, "data": "a"}} objects (see {@link #toResult}).
 */
public record LogEntry(long seq, Object data) {

    public Map<String, Object> toValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("data", data);
        return m;
    }

    /** The result value to record for a read that returned {@code entries}. */
    public static List<Object> toResult(List<LogEntry> entries) {
        List<Object> out = new ArrayList<>(entries.size());
        entries.forEach(e -> out.add(e.toValue()));
        return out;
    }

    /** Parses a read's result back; null (nothing read) gives an empty list. */
    public static List<LogEntry> fromResult(Object result) {
        List<LogEntry> out = new ArrayList<>();
        if (result == null) {
            return out;
        }
        if (!(result instanceof List<?> list)) {
            throw new IllegalArgumentException("a log read's result must be a list of {seq, data}: " + result);
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("seq") instanceof Number seq)) {
                throw new IllegalArgumentException("not a log entry {seq, data}: " + o);
            }
            out.add(new LogEntry(seq.longValue(), m.get("data")));
        }
        return out;
    }
}
