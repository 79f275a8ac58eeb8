package dev.pop.jepsen.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {

    @Test
    void historyRoundTripsThroughJsonl(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run/history.jsonl");
        HistoryRecorder recorder;
        try (HistoryWriter writer = HistoryWriter.open(file)) {
            recorder = new HistoryRecorder(writer::append);
            recorder.ok(recorder.invoke(1, "write", "k1", "v1"), null);
            recorder.ok(recorder.invoke(2, "read", "k1", null), "v1");
            recorder.ok(recorder.invoke(3, "cas", "k1", Arrays.asList(null, "v2"), Map.of("node", "n1")), false);
            recorder.fail(recorder.invoke(4, "incr", "c", 5), "UNAVAILABLE: tried n1,n2; a majority is needed");
            recorder.info(recorder.invoke(5, "append", "s", "d1"), "UNKNOWN_OUTCOME");
            recorder.ok(recorder.invoke(6, "read", "s", 1), LogEntry.toResult(List.of(new LogEntry(1, "d1"))));
            recorder.ok(recorder.invoke(7, "watch", "app/", Map.of("prefix", true)),
                    WatchEvent.toResult(List.of(new WatchEvent(3, "app/x", WatchEvent.DELETE, null))));
            recorder.event(Op.NEMESIS, "partition-start", Map.of("isolated", List.of("n1")));
        }
        List<Op> read = HistoryReader.read(file);
        assertEquals(recorder.history(), read);
        assertEquals(List.of(new LogEntry(1, "d1")), LogEntry.fromResult(read.get(5).result()));
        assertEquals(WatchEvent.DELETE, WatchEvent.fromResult(read.get(6).result()).get(0).type());
        assertEquals(8, Files.readAllLines(file).size());
    }

    @Test
    void openOperationsRoundTripWithoutCompletion() throws IOException {
        Op open = new Op(9, 1, OpType.INVOKE, "write", "k", "x", null, 42, Op.NOT_COMPLETED, null, null);
        String line = OpJson.toLine(open);
        assertTrue(!line.contains("completeNanos"), line);
        assertEquals(open, HistoryReader.read(new StringReader(line + "\n\n")).get(0));
    }

    @Test
    void aBrokenLineIsReportedWithItsNumber() {
        String text = OpJson.toLine(new Op(0, 1, OpType.OK, "read", "k", null, "v", 1, 2, null, null))
                + "\n{\"index\":1,\"type\":\"ok\"}\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HistoryReader.read(new StringReader(text)));
        assertTrue(e.getMessage().startsWith("history line 2"), e.getMessage());
    }
}
