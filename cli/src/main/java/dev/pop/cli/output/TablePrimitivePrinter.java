package dev.pop.cli.output;

import dev.pop.client.counter.IncrementResult;
import dev.pop.client.election.Leader;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.lease.Lease;
import dev.pop.client.lease.LeaseRevoked;
import dev.pop.client.lease.LeaseTimeToLive;
import dev.pop.client.lock.LockGrant;
import dev.pop.client.txn.OpResult;
import dev.pop.client.txn.TxnResult;
import java.io.PrintStream;

/** Aligned columns under a header, for people; {@code txn} has one row per result. */
public final class TablePrimitivePrinter implements PrimitivePrinter {

  private final PrintStream out;

  public TablePrimitivePrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void txn(TxnResult result) {
    new TextTable("SUCCEEDED", "REVISION")
        .row(Boolean.toString(result.succeeded()), Long.toString(result.revision())).print(out);
    TextTable table = new TextTable("#", "OP", "RESULT");
    int i = 0;
    for (OpResult r : result.results()) {
      String n = Integer.toString(i++);
      if (r instanceof OpResult.Put p) {
        table.row(n, "put", "revision " + p.revision());
      } else if (r instanceof OpResult.Delete d) {
        table.row(n, "delete", d.deleted() + " deleted");
      } else if (r instanceof OpResult.Get g) {
        if (g.kvs().isEmpty()) {
          table.row(n, "get", "(none)");
        }
        for (KeyValue kv : g.kvs()) {
          table.row(n, "get", TablePrinter.cell(kv.key()) + " = " + TablePrinter.cell(kv.value()));
        }
      } else if (r instanceof OpResult.Increment inc) {
        table.row(n, "increment", Long.toString(inc.value()));
      }
    }
    table.print(out);
    out.flush();
  }

  @Override
  public void increment(String key, IncrementResult result) {
    print(new TextTable("KEY", "VALUE", "REVISION")
        .row(key, Long.toString(result.value()), Long.toString(result.revision())));
  }

  @Override
  public void leaseGranted(Lease lease) {
    print(lease(lease));
  }

  @Override
  public void leaseKeptAlive(Lease lease) {
    print(lease(lease));
  }

  @Override
  public void leaseRevoked(long id, LeaseRevoked result) {
    print(new TextTable("ID", "DELETED", "REVISION")
        .row(Long.toString(id), Long.toString(result.deleted()), Long.toString(result.revision())));
  }

  @Override
  public void leaseTimeToLive(LeaseTimeToLive ttl) {
    StringBuilder keys = new StringBuilder();
    for (byte[] k : ttl.keys()) {
      keys.append(keys.length() == 0 ? "" : ", ").append(TablePrinter.cell(k));
    }
    print(new TextTable("ID", "TTL_MS", "REMAINING_MS", "KEYS").row(Long.toString(ttl.id()),
        Long.toString(ttl.ttl().toMillis()), Long.toString(ttl.remaining().toMillis()), keys.toString()));
  }

  @Override
  public void lockHeld(LockGrant grant) {
    print(new TextTable("NAME", "FENCE", "LEASE")
        .row(grant.name(), Long.toString(grant.fence()), Long.toString(grant.leaseId())));
  }

  @Override
  public void elected(Leader leader) {
    print(new TextTable("NAME", "VALUE", "FENCE", "LEASE").row(leader.name(), TablePrinter.cell(leader.value()),
        Long.toString(leader.fence()), Long.toString(leader.leaseId())));
  }

  private static TextTable lease(Lease lease) {
    return new TextTable("ID", "TTL_MS").row(Long.toString(lease.id()), Long.toString(lease.ttl().toMillis()));
  }

  private void print(TextTable table) {
    table.print(out);
    out.flush();
  }
}
