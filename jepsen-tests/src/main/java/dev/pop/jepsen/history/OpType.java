package dev.pop.jepsen.history;

import java.util.Locale;

/**
 * How an operation ended, Jepsen's three-valued outcome plus the still-open case.
 *
 * <ul>
 *   <li>{@link #OK}: acknowledged; it took effect exactly once, somewhere between invoke and completion.</li>
 *   <li>{@link #FAIL}: definitely not applied (refused before it could reach the log, or a compare was false).</li>
 *   <li>{@link #INFO}: outcome unknown (timeout after send, connection lost); it may take effect at any time
 *       after its invoke, or never.</li>
 *   <li>{@link #INVOKE}: never completed while the history was recorded; checkers treat it exactly like INFO.</li>
 * </ul>
 */
public enum OpType {
    INVOKE, OK, FAIL, INFO;

    /** The lower-case name used in {@code history.jsonl} ("ok", "fail", "info", "invoke"). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OpType fromJson(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** True for INFO and INVOKE: the operation may or may not have taken effect. */
    public boolean isUnknown() {
        return this == INFO || this == INVOKE;
    }
}
