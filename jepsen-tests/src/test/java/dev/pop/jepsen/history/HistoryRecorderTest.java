package dev.pop.jepsen.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HistoryRecorderTest {

    @Test
    void recordsEveryOutcomeWithItsTimes() {
        HistoryRecorder recorder = new HistoryRecorder();
        PendingOp w = recorder.invoke(1, "write", "k1", "a");
        PendingOp r = recorder.invoke(2, "read", "k1", null);
        PendingOp c = recorder.invoke(3, "cas", "k1", List.of("a", "b"), Map.of("node", "n2"));
        recorder.ok(w, null);
        recorder.fail(r, "UNAVAILABLE");
        Op info = recorder.info(c, "UNKNOWN_OUTCOME");

        List<Op> history = recorder.history();
        assertEquals(3, history.size());
        assertEquals(List.of(OpType.OK, OpType.FAIL, OpType.INFO), history.stream().map(Op::type).toList());
        assertEquals("UNKNOWN_OUTCOME", info.error());
        assertEquals(Map.of("node", "n2"), info.extra());
        for (Op op : history) {
            assertTrue(op.completeNanos() >= op.invokeNanos(), op.describe());
        }
    }

    @Test
    void openOperationsAppearAsInvokeAfterCompletedOnes() {
        HistoryRecorder recorder = new HistoryRecorder();
        PendingOp open = recorder.invoke(1, "write", "k", "x");
        recorder.ok(recorder.invoke(2, "read", "k", null), null);
        List<Op> history = recorder.history();
        assertEquals(OpType.OK, history.get(0).type());
        assertEquals(OpType.INVOKE, history.get(1).type());
        assertEquals(open.index(), history.get(1).index());
        assertEquals(1, recorder.openCount());
    }

    @Test
    void completingTwiceFailsLoudly() {
        HistoryRecorder recorder = new HistoryRecorder();
        PendingOp op = recorder.invoke(1, "write", "k", "x");
        recorder.ok(op, null);
        assertThrows(IllegalStateException.class, () -> recorder.info(op, "late"));
    }

    @Test
    void concurrentClientsGetUniqueIndexesAndCompletionOrderedTimes() throws Exception {
        List<Op> sunk = new ArrayList<>();
        HistoryRecorder recorder = new HistoryRecorder(sunk::add); // sink runs under the recorder's lock
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            int process = p;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    PendingOp op = recorder.invoke(process, "write", "k" + (i % 3), process * 1000L + i);
                    if (i % 7 == 0) {
                        recorder.info(op, "timeout");
                    } else {
                        recorder.ok(op, null);
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));

        List<Op> history = recorder.history();
        assertEquals(4000, history.size());
        assertEquals(history, sunk);
        Set<Long> indexes = new HashSet<>();
        long lastComplete = Long.MIN_VALUE;
        for (Op op : history) {
            assertTrue(indexes.add(op.index()));
            assertTrue(op.completeNanos() >= lastComplete, "completion order");
            lastComplete = op.completeNanos();
        }
    }
}
