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
 * etcdctl's default output: {@code put} prints OK, {@code get} prints each key then its value on
 * the next line (raw bytes, so {@code popctl get k} reproduces a value exactly), {@code del}
 * prints how many keys it deleted, {@code status} prints one comma-separated line per member.
 */
public final class SimplePrinter implements Printer {

  private final PrintStream out;

  public SimplePrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void put(PutResult result) {
    out.println("OK");
  }

  @Override
  public void get(GetResult result) {
    for (KeyValue kv : result.kvs()) {
      out.writeBytes(Bytes.orEmpty(kv.key()));
      out.println();
      out.writeBytes(Bytes.orEmpty(kv.value()));
      out.println();
    }
  }

  @Override
  public void delete(DeleteResult result) {
    out.println(result.deleted());
  }

  /** {@code id, address, role, term, commitIndex, appliedIndex, revision} per member. */
  @Override
  public void status(ClusterStatus status) {
    for (MemberStatus m : status.members()) {
      boolean reachable = m.role() != Role.UNREACHABLE;
      out.println(
          String.join(
              ", ",
              m.id(),
              m.address(),
              String.valueOf(m.role()),
              number(reachable, m.term()),
              number(reachable, m.commitIndex()),
              number(reachable, m.appliedIndex()),
              number(reachable, m.revision())));
    }
  }

  static String number(boolean known, long value) {
    return known ? Long.toString(value) : "-";
  }
}
