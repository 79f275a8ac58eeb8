package dev.pop.jepsen.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records a history from many client threads at once: each operation is invoked, then completed exactly once as
 * {@link #ok ok}, {@link #fail fail} (definitely not applied) or {@link #info info} (outcome unknown).
 *
 * <p>Timestamps come from {@link System#nanoTime()} (monotonic), relative to the recorder's creation. They are
 * taken under the recorder's lock, so the completed list is in completion order and a {@link #history()} snapshot
 * never loses an operation that completes while it is taken.
 * An optional sink sees every completed operation as it happens (for example {@link HistoryWriter#append}), so a
 * crashed run still leaves its history on disk.
 *
 * <p>A client must classify an outcome as {@code fail} only when it is certain the operation was not applied;
 * anything else (timeout after send, UNKNOWN_OUTCOME, connection reset) is {@code info}.
 */
public final class HistoryRecorder {
    private final long origin = System.nanoTime();
    private final Consumer<Op> sink;
    private final Map<Long, PendingOp> open = new LinkedHashMap<>();
    private final List<Op> completed = new ArrayList<>();
    private long nextIndex;

    public HistoryRecorder() {
        this(op -> { });
    }

    /** @param sink receives each completed operation, in completion order, on the completing thread */
    public HistoryRecorder(Consumer<Op> sink) {
        this.sink = sink;
    }

    /** Nanoseconds since this recorder was created, on the clock used for all its timestamps. */
    public long now() {
        return System.nanoTime() - origin;
    }

    public PendingOp invoke(int process, String f, String key, Object value) {
        return invoke(process, f, key, value, Map.of());
    }

    public PendingOp invoke(int process, String f, String key, Object value, Map<String, Object> extra) {
        synchronized (this) {
            PendingOp op = new PendingOp(nextIndex++, process, f, key, Op.normalize(value), now(), frozen(extra));
            open.put(op.index(), op);
            return op;
        }
    }

    /** The operation was acknowledged and returned {@code result}. */
    public Op ok(PendingOp op, Object result) {
        return complete(op, OpType.OK, result, null, Map.of());
    }

    /** The operation was definitely not applied. */
    public Op fail(PendingOp op, String error) {
        return complete(op, OpType.FAIL, null, error, Map.of());
    }

    /** The operation's outcome is unknown: it may take effect at any later time, or never. */
    public Op info(PendingOp op, String error) {
        return complete(op, OpType.INFO, null, error, Map.of());
    }

    /**
     * Completes {@code op}; {@code extra} is merged over the invoke's extra fields.
     *
     * @throws IllegalStateException if the operation was already completed (a client bug worth failing loudly)
     */
    public Op complete(PendingOp op, OpType type, Object result, String error, Map<String, Object> extra) {
        if (type == OpType.INVOKE) {
            throw new IllegalArgumentException("complete with OK, FAIL or INFO, not INVOKE");
        }
        Map<String, Object> fields = op.extra();
        if (extra != null && !extra.isEmpty()) {
            fields = new LinkedHashMap<>(op.extra());
            fields.putAll(extra);
        }
        Op done;
        synchronized (this) {
            if (open.remove(op.index()) == null) {
                throw new IllegalStateException("operation " + op.index() + " (" + op.f() + ") completed twice");
            }
            done = new Op(op.index(), op.process(), type, op.f(), op.key(), op.value(), result, op.invokeNanos(),
                    now(), error, fields);
            completed.add(done);
            sink.accept(done); // under the lock, so the sink also sees completion order
        }
        return done;
    }

    /** Records an instantaneous event such as a nemesis starting or healing a fault (invoke = complete = now). */
    public Op event(int process, String f, Object value) {
        return complete(invoke(process, f, null, value), OpType.OK, null, null, Map.of());
    }

    /** Completed operations in completion order, followed by still-open ones (type INVOKE) in invoke order. */
    public List<Op> history() {
        synchronized (this) {
            List<Op> ops = new ArrayList<>(completed.size() + open.size());
            ops.addAll(completed);
            open.values().forEach(p -> ops.add(p.asOpen())); // insertion order = invoke order
            return ops;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> frozen(Map<String, Object> extra) {
        return extra == null ? Map.of() : (Map<String, Object>) Op.normalize(extra);
    }

    /** Operations invoked but not yet completed. */
    public synchronized int openCount() {
        return open.size();
    }
}
