package dev.pop.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pop.cli.output.OutputFormat;
import dev.pop.client.cluster.ClusterMember;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Output of the membership commands in the three {@code -o} formats: simple (one member per line:
 * {@code ID RAFT HTTP ROLE}), table, and one JSON document.
 */
final class MemberOutput {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MemberOutput() {}

  static void members(PrintStream out, OutputFormat format, List<ClusterMember> members) {
    switch (format) {
      case JSON -> {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("leader", members.stream().filter(ClusterMember::leader).map(ClusterMember::id)
            .findFirst().orElse(null));
        ArrayNode list = doc.putArray("members");
        for (ClusterMember m : members) {
          list.addObject().put("id", m.id()).put("raftAddress", m.raftAddress())
              .put("httpAddress", m.httpAddress()).put("leader", m.leader());
        }
        json(out, doc);
      }
      case TABLE -> {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "RAFT ADDRESS", "HTTP ADDRESS", "ROLE"});
        for (ClusterMember m : members) {
          rows.add(new String[] {m.id(), m.raftAddress(), orDash(m.httpAddress()), role(m)});
        }
        table(out, rows);
      }
      default -> {
        for (ClusterMember m : members) {
          out.println(m.id() + " " + m.raftAddress() + " " + orDash(m.httpAddress()) + " " + role(m));
        }
      }
    }
  }

  /** A one-line confirmation: the text for simple and table, the fields as one JSON document for json. */
  static void done(PrintStream out, OutputFormat format, String text, String... fields) {
    if (format != OutputFormat.JSON) {
      out.println(text);
      return;
    }
    ObjectNode doc = MAPPER.createObjectNode();
    for (int i = 0; i + 1 < fields.length; i += 2) {
      doc.put(fields[i], fields[i + 1]);
    }
    json(out, doc);
  }

  private static String role(ClusterMember m) {
    return m.leader() ? "LEADER" : "FOLLOWER";
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  private static void table(PrintStream out, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(c == 0 ? "" : "   ").append(c == row.length - 1 ? row[c] : pad(row[c], widths[c]));
      }
      out.println(line);
    }
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  private static void json(PrintStream out, ObjectNode doc) {
    try {
      out.println(MAPPER.writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
