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

/**
 * Plain text for scripts: {@code lease grant} prints the id alone and {@code lock} the fence alone (so
 * {@code ID=$(popctl lease grant 10)} works), {@code incr} the new value; {@code txn} prints {@code SUCCESS} or
 * {@code FAILURE} and then each result as the matching plain command would (put: OK, delete: the count, get: key
 * and value lines, increment: the value), as etcdctl does.
 */
public final class SimplePrimitivePrinter implements PrimitivePrinter {

  private final PrintStream out;

  public SimplePrimitivePrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void txn(TxnResult result) {
    out.println(result.succeeded() ? "SUCCESS" : "FAILURE");
    for (OpResult r : result.results()) {
      if (r instanceof OpResult.Put) {
        out.println("OK");
      } else if (r instanceof OpResult.Delete d) {
        out.println(d.deleted());
      } else if (r instanceof OpResult.Get g) {
        for (KeyValue kv : g.kvs()) {
          out.writeBytes(Bytes.orEmpty(kv.key()));
          out.println();
          out.writeBytes(Bytes.orEmpty(kv.value()));
          out.println();
        }
      } else if (r instanceof OpResult.Increment i) {
        out.println(i.value());
      }
    }
    out.flush();
  }

  @Override
  public void increment(String key, IncrementResult result) {
    println(Long.toString(result.value()));
  }

  @Override
  public void leaseGranted(Lease lease) {
    println(Long.toString(lease.id()));
  }

  @Override
  public void leaseKeptAlive(Lease lease) {
    println("lease " + lease.id() + " kept alive with TTL " + lease.ttl().toMillis() + " ms");
  }

  @Override
  public void leaseRevoked(long id, LeaseRevoked result) {
    println("lease " + id + " revoked; " + result.deleted() + " key" + (result.deleted() == 1 ? "" : "s")
        + " deleted");
  }

  /** {@code lease ID TTL T ms, remaining R ms}, then one attached key per line. */
  @Override
  public void leaseTimeToLive(LeaseTimeToLive ttl) {
    out.println("lease " + ttl.id() + " TTL " + ttl.ttl().toMillis() + " ms, remaining " + ttl.remaining().toMillis()
        + " ms");
    for (byte[] key : ttl.keys()) {
      out.writeBytes(key);
      out.println();
    }
    out.flush();
  }

  @Override
  public void lockHeld(LockGrant grant) {
    println(Long.toString(grant.fence()));
  }

  /** {@code NAME VALUE} and the fence: {@code elected db 10.0.0.1:5432 (fence 42)}. */
  @Override
  public void elected(Leader leader) {
    println("elected " + leader.name() + " " + leader.valueUtf8() + " (fence " + leader.fence() + ")");
  }

  private void println(String line) {
    out.println(line);
    out.flush();
  }
}
