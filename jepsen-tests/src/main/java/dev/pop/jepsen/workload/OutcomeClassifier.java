package dev.pop.jepsen.workload;

import dev.pop.client.CompactedException;
import dev.pop.client.ConflictException;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.NoSpaceException;
import dev.pop.client.NotFoundException;
import dev.pop.client.UnauthorizedException;
import dev.pop.client.UnavailableException;
import dev.pop.client.UnknownOutcomeException;
import dev.pop.jepsen.history.OpType;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns an SDK failure into Jepsen's outcome: {@code fail} only when the operation was definitely not applied,
 * {@code info} otherwise. Definite: {@link UnavailableException} (not applied, by the SDK's contract) and the
 * refusals that never reach the log (invalid argument, no space, conflict, not found, compacted, unauthorized).
 * Everything else, {@link UnknownOutcomeException} and any unexpected exception included, is {@code info}. A
 * read-only operation that failed in any way is {@code fail}: it had no effect either way.
 */
public final class OutcomeClassifier {
    private static final int MAX_ERROR_CHARS = 300;

    private OutcomeClassifier() {
    }

    public static OpType classify(Throwable error, boolean readOnly) {
        Throwable e = unwrap(error);
        if (readOnly) {
            return OpType.FAIL;
        }
        if (e instanceof UnknownOutcomeException) {
            return OpType.INFO;
        }
        if (e instanceof UnavailableException || e instanceof InvalidArgumentException
                || e instanceof NoSpaceException || e instanceof ConflictException || e instanceof NotFoundException
                || e instanceof CompactedException || e instanceof UnauthorizedException) {
            return OpType.FAIL;
        }
        return OpType.INFO;
    }

    /** A one-line description for the history: the exception's simple name and message, shortened. */
    public static String describe(Throwable error) {
        Throwable e = unwrap(error);
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        text = text.replace('\n', ' ');
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
