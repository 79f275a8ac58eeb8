package dev.pop.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pop.cli.output.OutputFormat;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Prints a {@link BenchResult}: for people (simple and table formats) a summary line and a small table; for
 * machines ({@code -o json}) one document, {@code {"workload":"put","ops":..,"opsPerSec":..,"p50Ms":..,
 * "p90Ms":..,"p99Ms":..,"p999Ms":..,"maxMs":..,"errors":..}} followed by the run's shape
 * ({@code clients, conns, valueSize, keys, durationSec}), {@code errorsByCode} and, for the workloads that tell
 * successes apart, one count per {@link Outcome} ({@code "compareSucceeded":..,"compareFailed":..} for txn).
 */
public final class BenchReport {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> HEADER =
      List.of("OPS", "OPS/S", "P50(MS)", "P90(MS)", "P99(MS)", "P99.9(MS)", "MAX(MS)", "ERRORS");

  private BenchReport() {}

  public static void print(BenchResult result, OutputFormat format, PrintStream out) {
    if (format == OutputFormat.JSON) {
      out.println(json(result));
    } else {
      out.print(text(result));
    }
  }

  /** The JSON document, on one line. */
  public static String json(BenchResult r) {
    ObjectNode doc = MAPPER.createObjectNode()
        .put("workload", r.workload())
        .put("ops", r.ops())
        .put("opsPerSec", r.opsPerSec())
        .put("p50Ms", r.p50Ms())
        .put("p90Ms", r.p90Ms())
        .put("p99Ms", r.p99Ms())
        .put("p999Ms", r.p999Ms())
        .put("maxMs", r.maxMs())
        .put("errors", r.errors())
        .put("clients", r.clients())
        .put("conns", r.conns())
        .put("valueSize", r.valueSize())
        .put("keys", r.keys())
        .put("durationSec", r.durationSec());
    ObjectNode codes = doc.putObject("errorsByCode");
    r.errorsByCode().forEach(codes::put);
    r.outcomes().forEach(doc::put);
    try {
      return MAPPER.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The summary line, the table, the outcomes and, if any, the errors by code; each line ends with a newline. */
  public static String text(BenchResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: %d client%s over %d connection%s, %d-byte values, %d keys, "
            + "%.3f s measured%n", r.workload(), r.clients(), plural(r.clients()), r.conns(), plural(r.conns()),
        r.valueSize(), r.keys(), r.durationSec()));
    List<String> row = List.of(
        Long.toString(r.ops()),
        String.format(Locale.ROOT, "%.1f", r.opsPerSec()),
        ms(r.p50Ms()),
        ms(r.p90Ms()),
        ms(r.p99Ms()),
        ms(r.p999Ms()),
        ms(r.maxMs()),
        Long.toString(r.errors()));
    appendRow(sb, HEADER, row);
    appendRow(sb, row, HEADER);
    if (!r.outcomes().isEmpty()) {
      sb.append("outcomes: ").append(BenchRunner.describe(r.outcomes())).append(System.lineSeparator());
    }
    if (!r.errorsByCode().isEmpty()) {
      sb.append("errors: ").append(BenchRunner.describe(r.errorsByCode())).append(System.lineSeparator());
    }
    return sb.toString();
  }

  /** {@code cells}, each padded to the wider of itself and the same column of {@code other}. */
  private static void appendRow(StringBuilder sb, List<String> cells, List<String> other) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        line.append("   ");
      }
      String cell = cells.get(c);
      line.append(cell);
      if (c < cells.size() - 1) {
        line.append(" ".repeat(Math.max(0, other.get(c).length() - cell.length())));
      }
    }
    sb.append(line).append(System.lineSeparator());
  }

  private static String ms(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String plural(int n) {
    return n == 1 ? "" : "s";
  }
}
