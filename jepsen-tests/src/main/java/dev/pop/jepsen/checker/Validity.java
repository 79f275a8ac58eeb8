package dev.pop.jepsen.checker;

/**
 * A checker's verdict. UNKNOWN is explicit: a search that ran out of time or memory never reports VALID.
 */
public enum Validity {
    VALID, INVALID, UNKNOWN;

    /** Combines two verdicts: any INVALID wins, then any UNKNOWN, else VALID. */
    public Validity and(Validity other) {
        if (this == INVALID || other == INVALID) {
            return INVALID;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : VALID;
    }

    /** The form used in {@code results.json}: {@code true}, {@code false} or {@code "unknown"}. */
    public Object jsonValue() {
        return switch (this) {
            case VALID -> Boolean.TRUE;
            case INVALID -> Boolean.FALSE;
            case UNKNOWN -> "unknown";
        };
    }
}
