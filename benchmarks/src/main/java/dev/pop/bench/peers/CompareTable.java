package dev.pop.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@link PeerBench}'s JSON lines (one per system and cell) and prints the side-by-side table: ops/s and
 * p50/p99 latency of each system per cell, and POP's throughput as a ratio of etcd's and ZooKeeper's.
 * A cell a system did not complete shows {@code -}.
 */
public final class CompareTable {

  private static final List<String> SYSTEMS = List.of("pop", "etcd", "zookeeper");

  private CompareTable() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: CompareTable RESULTS.jsonl");
      System.exit(2);
    }
    System.out.print(render(Files.readAllLines(Path.of(args[0]))));
  }

  static String render(List<String> lines) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Map<String, JsonNode>> cells = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.isBlank() || !line.startsWith("{")) {
        continue;
      }
      JsonNode doc = mapper.readTree(line);
      cells.computeIfAbsent(doc.path("cell").asText(), c -> new LinkedHashMap<>())
          .put(doc.path("system").asText(), doc);
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("workload", "POP ops/s", "p50/p99 ms", "etcd ops/s", "p50/p99 ms", "ZK ops/s", "p50/p99 ms",
        "POP/etcd", "POP/ZK"));
    for (Map.Entry<String, Map<String, JsonNode>> cell : cells.entrySet()) {
      List<String> row = new ArrayList<>(List.of(cell.getKey()));
      for (String system : SYSTEMS) {
        JsonNode doc = cell.getValue().get(system);
        row.add(doc == null ? "-" : String.format(Locale.ROOT, "%,.0f", doc.path("opsPerSec").asDouble()));
        row.add(doc == null ? "-" : String.format(Locale.ROOT, "%.2f/%.2f", doc.path("p50Ms").asDouble(),
            doc.path("p99Ms").asDouble()));
      }
      row.add(ratio(cell.getValue().get("pop"), cell.getValue().get("etcd")));
      row.add(ratio(cell.getValue().get("pop"), cell.getValue().get("zookeeper")));
      rows.add(row);
    }
    return table(rows);
  }

  private static String ratio(JsonNode pop, JsonNode other) {
    if (pop == null || other == null || other.path("opsPerSec").asDouble() <= 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2f", pop.path("opsPerSec").asDouble() / other.path("opsPerSec").asDouble());
  }

  private static String table(List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      sb.append('|');
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        sb.append(' ').append(c == 0 ? pad(cell, widths[c], false) : pad(cell, widths[c], true)).append(" |");
      }
      sb.append('\n');
      if (row == rows.get(0)) {
        sb.append('|');
        for (int width : widths) {
          sb.append('-').append("-".repeat(width)).append("-|");
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }
}
