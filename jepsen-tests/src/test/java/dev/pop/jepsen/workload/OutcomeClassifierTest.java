package dev.pop.jepsen.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.ConflictException;
import dev.pop.client.ErrorCode;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.PopException;
import dev.pop.client.UnavailableException;
import dev.pop.client.UnknownOutcomeException;
import dev.pop.jepsen.history.OpType;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class OutcomeClassifierTest {
    @Test
    void onlyDefiniteRefusalsOfWritesAreFail() {
        assertEquals(OpType.FAIL, OutcomeClassifier.classify(new UnavailableException("no quorum"), false));
        assertEquals(OpType.FAIL, OutcomeClassifier.classify(new InvalidArgumentException("key too long"), false));
        assertEquals(OpType.FAIL, OutcomeClassifier.classify(new ConflictException("compare false"), false));
        assertEquals(OpType.INFO, OutcomeClassifier.classify(new UnknownOutcomeException("timeout"), false));
        assertEquals(OpType.INFO, OutcomeClassifier.classify(new PopException(ErrorCode.INTERNAL, "boom"), false));
        assertEquals(OpType.INFO, OutcomeClassifier.classify(new IllegalStateException("bug"), false));
    }

    @Test
    void wrappedExceptionsAreJudgedByTheirCause() {
        assertEquals(OpType.FAIL,
                OutcomeClassifier.classify(new CompletionException(new UnavailableException("x")), false));
        assertEquals(OpType.INFO,
                OutcomeClassifier.classify(new CompletionException(new UnknownOutcomeException("x")), false));
    }

    @Test
    void aReadThatFailedInAnyWayIsFail() {
        assertEquals(OpType.FAIL, OutcomeClassifier.classify(new UnknownOutcomeException("timeout"), true));
        assertEquals(OpType.FAIL, OutcomeClassifier.classify(new IllegalStateException("bug"), true));
    }

    @Test
    void descriptionsAreOneShortLine() {
        String d = OutcomeClassifier.describe(new UnavailableException("line one\nline two " + "x".repeat(1000)));
        assertTrue(d.startsWith("UnavailableException: line one line two"), d);
        assertTrue(d.length() < 320 && !d.contains("\n"), d);
    }
}
