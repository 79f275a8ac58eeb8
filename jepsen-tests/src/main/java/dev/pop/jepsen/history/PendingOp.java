package dev.pop.jepsen.history;

import java.util.Map;

/**
 * An invoked operation that has not completed yet: the handle a client passes back to
 * {@link HistoryRecorder#ok}, {@link HistoryRecorder#fail} or {@link HistoryRecorder#info}.
 */
public record PendingOp(long index, int process, String f, String key, Object value, long invokeNanos,
                        Map<String, Object> extra) {

    /** This operation as it stands in a history that ended before it completed. */
    public Op asOpen() {
        return new Op(index, process, OpType.INVOKE, f, key, value, null, invokeNanos, Op.NOT_COMPLETED, null, extra);
    }
}
