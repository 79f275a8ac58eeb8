package dev.pop.jepsen.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.history.HistoryBuilder;
import dev.pop.jepsen.history.LogEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppendValidatorTest {
    private final AppendValidator validator = new AppendValidator();
    private final HistoryBuilder h = new HistoryBuilder();

    private void append(int p, String data, long seq, long from, long to) {
        h.ok(p, "append", "orders", data, seq, from, to);
    }

    /** A read from seq {@code fromSeq} returning data d1, d2, ... at seqs {@code seqs}. */
    private void read(int p, long fromSeq, long[] seqs, String[] data, long from, long to) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < seqs.length; i++) {
            entries.add(new LogEntry(seqs[i], data[i]));
        }
        h.ok(p, "read", "orders", fromSeq, LogEntry.toResult(entries), from, to);
    }

    private List<String> kinds() {
        return validator.check(h.build()).anomalies().stream().map(Anomaly::kind).toList();
    }

    @Test
    void prefixesOfOneSequenceAreValid() {
        append(1, "a", 1, 0, 10);
        append(2, "b", 2, 5, 15);
        read(3, 1, new long[] {1}, new String[] {"a"}, 6, 12);
        h.info(1, "append", "orders", "c", 20, 30);
        h.fail(2, "append", "orders", "x", 21, 31);
        read(3, 2, new long[] {2, 3}, new String[] {"b", "c"}, 40, 50);
        read(3, 1, new long[] {1, 2, 3}, new String[] {"a", "b", "c"}, 60, 70);
        CheckResult r = validator.check(h.build());
        assertEquals(Validity.VALID, r.validity(), r.anomalies().toString());
    }

    @Test
    void readsThatDisagreeOnASeqAreDivergent() {
        append(1, "a", 1, 0, 10);
        h.info(1, "append", "orders", "b", 11, 20);
        h.info(2, "append", "orders", "c", 11, 20);
        read(3, 1, new long[] {1, 2}, new String[] {"a", "b"}, 30, 40);
        read(3, 1, new long[] {1, 2}, new String[] {"a", "c"}, 50, 60);
        assertEquals(List.of("divergent-read"), kinds());
    }

    @Test
    void aMissingSeqInsideAReadIsAGap() {
        append(1, "a", 1, 0, 10);
        append(1, "b", 2, 11, 20);
        append(1, "c", 3, 21, 30);
        read(3, 1, new long[] {1, 3}, new String[] {"a", "c"}, 40, 50);
        List<String> kinds = kinds();
        assertTrue(kinds.contains("gap"), kinds.toString());
    }

    @Test
    void aReadThatDoesNotStartWhereItAskedIsAGap() {
        append(1, "a", 1, 0, 10);
        append(1, "b", 2, 11, 20);
        read(3, 1, new long[] {2}, new String[] {"b"}, 40, 50);
        assertTrue(kinds().contains("gap"));
    }

    @Test
    void acknowledgedAppendMissingFromTheFinalReadIsLost() {
        append(1, "a", 1, 0, 10);
        append(1, "b", 2, 11, 20);
        read(3, 1, new long[] {1}, new String[] {"a"}, 40, 50);
        assertEquals(List.of("lost-append"), kinds());
    }

    @Test
    void acknowledgedSeqHoldingOtherDataIsLost() {
        append(1, "a", 1, 0, 10);
        h.info(2, "append", "orders", "z", 1, 9);
        read(3, 1, new long[] {1}, new String[] {"z"}, 40, 50);
        assertEquals(List.of("lost-append"), kinds());
    }

    @Test
    void dataAtTwoSeqsIsADuplicate() {
        append(1, "a", 1, 0, 10);
        h.info(1, "append", "orders", "b", 11, 20); // retried by the client and applied twice
        read(3, 1, new long[] {1, 2, 3}, new String[] {"a", "b", "b"}, 40, 50);
        assertEquals(List.of("duplicate"), kinds());
    }

    @Test
    void dataOfAFailedAppendIsUnexpected() {
        append(1, "a", 1, 0, 10);
        h.fail(1, "append", "orders", "b", 11, 20);
        read(3, 1, new long[] {1, 2}, new String[] {"a", "b"}, 40, 50);
        assertEquals(List.of("unexpected"), kinds());
    }

    @Test
    void withoutASuccessfulReadTheResultIsUnknown() {
        append(1, "a", 1, 0, 10);
        assertEquals(Validity.UNKNOWN, validator.check(h.build()).validity());
    }
}
