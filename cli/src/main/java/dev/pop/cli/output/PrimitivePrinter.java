package dev.pop.cli.output;

import dev.pop.client.counter.IncrementResult;
import dev.pop.client.election.Leader;
import dev.pop.client.lease.Lease;
import dev.pop.client.lease.LeaseRevoked;
import dev.pop.client.lease.LeaseTimeToLive;
import dev.pop.client.lock.LockGrant;
import dev.pop.client.txn.TxnResult;
import java.io.PrintStream;

/**
 * Writes the results of the coordination commands ({@code txn}, {@code incr}, {@code lease}, {@code lock},
 * {@code elect}) in one {@link OutputFormat}. Every method flushes, since some of these commands keep running after
 * they print.
 */
public interface PrimitivePrinter {

  static PrimitivePrinter of(OutputFormat format, PrintStream out) {
    return switch (format) {
      case SIMPLE -> new SimplePrimitivePrinter(out);
      case JSON -> new JsonPrimitivePrinter(out);
      case TABLE -> new TablePrimitivePrinter(out);
    };
  }

  void txn(TxnResult result);

  void increment(String key, IncrementResult result);

  void leaseGranted(Lease lease);

  void leaseKeptAlive(Lease lease);

  void leaseRevoked(long id, LeaseRevoked result);

  void leaseTimeToLive(LeaseTimeToLive ttl);

  void lockHeld(LockGrant grant);

  void elected(Leader leader);
}
