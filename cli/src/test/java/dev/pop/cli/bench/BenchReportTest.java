package dev.pop.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pop.cli.output.OutputFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  private static final BenchResult RESULT = new BenchResult("put", 123_456, 6_172.8, 9.871, 12.5, 20.032, 31.1,
      48.0, 3, Map.of("UNKNOWN_OUTCOME", 1L, "UNAVAILABLE", 2L), 64, 1, 256, 10_000, 20.001);

  @Test
  void jsonHasTheSpecFieldsFirstThenTheShapeOfTheRun() throws Exception {
    String json = BenchReport.json(RESULT);
    assertEquals("{\"workload\":\"put\",\"ops\":123456,\"opsPerSec\":6172.8,\"p50Ms\":9.871,\"p90Ms\":12.5,"
        + "\"p99Ms\":20.032,\"p999Ms\":31.1,\"maxMs\":48.0,\"errors\":3,\"clients\":64,\"conns\":1,"
        + "\"valueSize\":256,\"keys\":10000,\"durationSec\":20.001,"
        + "\"errorsByCode\":{\"UNAVAILABLE\":2,\"UNKNOWN_OUTCOME\":1}}", json);
    JsonNode doc = new ObjectMapper().readTree(json);
    List<String> fields = new ArrayList<>();
    doc.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("workload", "ops", "opsPerSec", "p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs", "errors"),
        fields.subList(0, 9));
    assertEquals(true, doc.get("opsPerSec").isNumber());
    assertEquals(true, doc.get("ops").isIntegralNumber());
  }

  @Test
  void jsonIsOneLine() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BenchReport.print(RESULT, OutputFormat.JSON, new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, printed.lines().count());
    assertEquals(BenchReport.json(RESULT) + "\n", printed);
  }

  @Test
  void simpleIsASummaryAndASmallTable() {
    assertEquals(String.join("\n",
        "put: 64 clients over 1 connection, 256-byte values, 10000 keys, 20.001 s measured",
        "OPS      OPS/S    P50(MS)   P90(MS)   P99(MS)   P99.9(MS)   MAX(MS)   ERRORS",
        "123456   6172.8   9.871     12.500    20.032    31.100      48.000    3",
        "errors: UNAVAILABLE 2, UNKNOWN_OUTCOME 1",
        ""), BenchReport.text(RESULT));
  }

  @Test
  void tableIsTheSameAsSimpleAndNoErrorsNoErrorLine() {
    BenchResult clean = new BenchResult("get", 5, 1.0, 1, 1, 1, 1, 1, 0, Map.of(), 1, 1, 256, 10, 5.0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BenchReport.print(clean, OutputFormat.TABLE, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(BenchReport.text(clean), out.toString(StandardCharsets.UTF_8));
    assertEquals(3, BenchReport.text(clean).lines().count());
  }

  @Test
  void outcomesFollowTheErrorsInJsonAndGetALineInText() {
    Map<String, Long> outcomes = new java.util.LinkedHashMap<>();
    outcomes.put("compareSucceeded", 90L);
    outcomes.put("compareFailed", 10L);
    BenchResult txn = new BenchResult("txn", 100, 10.0, 1, 1, 1, 1, 1, 0, Map.of(), 1, 1, 256, 10, 10.0, outcomes);
    assertEquals(true, BenchReport.json(txn).endsWith(
        "\"errorsByCode\":{},\"compareSucceeded\":90,\"compareFailed\":10}"), BenchReport.json(txn));
    assertEquals("outcomes: compareSucceeded 90, compareFailed 10", BenchReport.text(txn).lines().toList().get(3));
  }
}
