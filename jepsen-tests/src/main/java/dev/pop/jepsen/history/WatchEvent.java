package dev.pop.jepsen.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event delivered to a watcher: {@code type} is {@code "PUT"} or {@code "DELETE"}, {@code revision} the
 * event's modRevision, {@code value} the value put (null for a delete). In a history a watcher's events are the
 * result of its {@code watch} operation, as a list of {@code {"revision","key","type","value"}} objects.
 */
public record WatchEvent(long revision, String key, String type, Object value) {
    public static final String PUT = "PUT";
    public static final String DELETE = "DELETE";

    public boolean isDelete() {
        return DELETE.equals(type);
    }

    /** The value the key holds after this event (null after a delete). */
    public Object valueAfter() {
        return isDelete() ? null : value;
    }

    public Map<String, Object> toValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("revision", revision);
        m.put("key", key);
        m.put("type", type);
        m.put("value", value);
        return m;
    }

    public static List<Object> toResult(List<WatchEvent> events) {
        List<Object> out = new ArrayList<>(events.size());
        events.forEach(e -> out.add(e.toValue()));
        return out;
    }

    public static List<WatchEvent> fromResult(Object result) {
        List<WatchEvent> out = new ArrayList<>();
        if (result == null) {
            return out;
        }
        if (!(result instanceof List<?> list)) {
            throw new IllegalArgumentException("a watch result must be a list of events: " + result);
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("revision") instanceof Number rev)
                    || !(m.get("key") instanceof String key) || !(m.get("type") instanceof String type)) {
                throw new IllegalArgumentException("not a watch event {revision, key, type, value}: " + o);
            }
            out.add(new WatchEvent(rev.longValue(), key, type, m.get("value")));
        }
        return out;
    }

    @Override
    public String toString() {
        return type + " " + key + (isDelete() ? "" : "=" + Op.render(value)) + " @rev " + revision;
    }
}
