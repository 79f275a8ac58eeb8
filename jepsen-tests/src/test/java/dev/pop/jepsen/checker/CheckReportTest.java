package dev.pop.jepsen.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pop.jepsen.history.HistoryBuilder;
import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.history.OpType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckReportTest {
    private final HistoryBuilder h = new HistoryBuilder();

    @Test
    void validRunReportsCountsAndLatencies(@TempDir Path dir) throws IOException {
        h.write(1, "k", "a", 0, 10);
        h.write(2, "k", "b", 20, 24);
        h.read(1, "k", "b", 30, 31);
        h.fail(2, "write", "k", "c", 40, 41);
        h.info(3, "write", "k", "d", 50, 60);
        h.ok(Op.NEMESIS, "kill", null, "n1", null, 45, 45);
        CheckReport report = CheckReport.check(h.build(), List.of(LinearizabilityChecker.forRegisters()));
        assertTrue(report.isValid());

        Path file = dir.resolve("run/" + ResultsFile.NAME);
        ResultsFile.write(file, report);
        JsonNode json = ResultsFile.read(file);
        assertTrue(json.get("valid").isBoolean() && json.get("valid").asBoolean());
        assertEquals(0, json.get("anomalies").size());
        assertEquals("linearizable", json.get("checkers").get(0).get("name").asText());
        JsonNode writes = json.get("opCounts").get("write");
        assertEquals(2, writes.get("ok").asLong());
        assertEquals(1, writes.get("fail").asLong());
        assertEquals(1, writes.get("info").asLong());
        assertFalse(json.get("opCounts").has("kill"), "nemesis events are not client operations");
        JsonNode latency = json.get("latencies").get("write");
        assertEquals(2, latency.get("count").asLong());
        assertEquals(4.0, latency.get("p50").asDouble(), 1e-9);
        assertEquals(10.0, latency.get("max").asDouble(), 1e-9);
    }

    @Test
    void anomaliesAreListedWithTheirOperations() throws IOException {
        h.write(1, "k", "a", 0, 10);
        h.read(2, "k", "z", 20, 30);
        h.ok(1, "add", "s", 1L, null, 0, 10);
        h.ok(2, "read", "s", null, List.of(), 20, 30);
        CheckReport report = CheckReport.check(h.build(), List.of(
                LinearizabilityChecker.forRegisters().restrictedTo(op -> "k".equals(op.key())),
                new SetValidator().restrictedTo(op -> "s".equals(op.key()))));
        assertEquals(Validity.INVALID, report.validity());
        JsonNode json = report.toJson();
        assertFalse(json.get("valid").asBoolean());
        assertEquals(2, json.get("anomalies").size());
        JsonNode first = json.get("anomalies").get(0);
        assertEquals("linearizable", first.get("validator").asText());
        assertEquals("nonlinearizable", first.get("kind").asText());
        assertEquals("k", first.get("key").asText());
        assertTrue(first.get("description").asText().startsWith("read of k returned \"z\""));
        assertEquals("read", first.get("ops").get(first.get("ops").size() - 1).get("f").asText());
        assertEquals("lost", json.get("anomalies").get(1).get("kind").asText());
    }

    @Test
    void unfinishedCheckMakesTheRunUnknown() {
        for (int i = 0; i < 40; i++) {
            h.write(i, "k", "v" + i, i, 1000 + i);
        }
        h.read(99, "k", "v0", 2000, 2010);
        h.read(99, "k", "v1", 2020, 2030);
        CheckReport report = CheckReport.check(h.build(),
                List.of(LinearizabilityChecker.forRegisters().withTimeBudget(Duration.ofMillis(200))));
        assertEquals(Validity.UNKNOWN, report.validity());
        assertEquals("unknown", report.toJson().get("valid").asText());
        assertTrue(report.toJson().get("checkers").get(0).get("note").asText().contains("unknown"));
    }

    @Test
    void aCheckerThatThrowsMakesTheRunUnknownNotValid() {
        h.ok(1, "add", "s", 1L, null, 0, 10);
        h.read(2, "s", "not a list", 20, 30);
        CheckReport report = CheckReport.check(h.build(), List.of(new SetValidator()));
        assertEquals(Validity.UNKNOWN, report.validity());
        assertTrue(report.results().get(0).note().contains("must be a list"), report.results().get(0).note());
    }

    @Test
    void neverCompletedOperationsCountAsInfo() {
        h.add(OpType.INVOKE, 1, "write", "k", "a", null, 0, 0);
        CheckReport report = CheckReport.check(h.build(), List.of());
        assertEquals(new OpCounts(0, 0, 1), report.opCounts().get("write"));
        assertFalse(report.latencies().containsKey("write"));
    }
}
