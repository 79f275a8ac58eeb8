package dev.pop.cli.output;

import dev.pop.client.ClusterStatus;
import dev.pop.client.MemberStatus;
import dev.pop.client.Role;
import dev.pop.client.kv.DeleteResult;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.kv.PutResult;
import java.io.PrintStream;

/**
 * Aligned columns with a header. Cells are one line: control characters are escaped, and keys
 * or values that are not valid UTF-8 are shown as {@code base64:<base64>}.
 */
public final class TablePrinter implements Printer {

  private final PrintStream out;

  public TablePrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void put(PutResult result) {
    new TextTable("REVISION").row(Long.toString(result.revision())).print(out);
  }

  @Override
  public void get(GetResult result) {
    TextTable table = new TextTable("KEY", "VALUE", "CREATE_REV", "MOD_REV", "VERSION", "LEASE");
    for (KeyValue kv : result.kvs()) {
      table.row(
          cell(kv.key()),
          cell(kv.value()),
          Long.toString(kv.createRevision()),
          Long.toString(kv.modRevision()),
          Long.toString(kv.version()),
          Long.toString(kv.lease()));
    }
    table.print(out);
  }

  @Override
  public void delete(DeleteResult result) {
    new TextTable("DELETED", "REVISION")
        .row(Long.toString(result.deleted()), Long.toString(result.revision()))
        .print(out);
  }

  @Override
  public void status(ClusterStatus status) {
    TextTable table =
        new TextTable("ID", "ADDRESS", "ROLE", "TERM", "COMMIT", "APPLIED", "REVISION");
    for (MemberStatus m : status.members()) {
      boolean reachable = m.role() != Role.UNREACHABLE;
      table.row(
          m.id(),
          m.address(),
          String.valueOf(m.role()),
          SimplePrinter.number(reachable, m.term()),
          SimplePrinter.number(reachable, m.commitIndex()),
          SimplePrinter.number(reachable, m.appliedIndex()),
          SimplePrinter.number(reachable, m.revision()));
    }
    table.print(out);
  }

  static String cell(byte[] bytes) {
    return Bytes.utf8(bytes).map(TablePrinter::escape).orElseGet(() -> "base64:" + Bytes.base64(bytes));
  }

  private static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (Character.isISOControl(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
