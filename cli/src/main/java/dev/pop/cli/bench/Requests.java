package dev.pop.cli.bench;

import dev.pop.client.Consistency;
import dev.pop.client.Kv;
import dev.pop.client.PopClient;
import dev.pop.client.log.AppendOptions;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.kv.PutResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests of the key-value workloads (put, get, get-serializable, txn) over {@link Payloads}' keys and
 * values. Logical client {@code i} uses connection {@code i % conns}. The lease workloads are
 * {@link ClientLeases}'.
 */
public final class Requests {

  /** The one stream every client of the append workload appends to. */
  static final String STREAM = "bench/stream";
  private static final GetOptions SERIALIZABLE =
      GetOptions.builder().consistency(Consistency.SERIALIZABLE).build();

  private final List<PopClient> conns;
  private final Payloads payloads;
  private final int keys;
  /** Set by {@link #of} for txn: the modRevision this run last saw of each key. */
  private volatile CompareAndPut compareAndPut;

  public Requests(List<PopClient> conns, int keys, int valueSize) {
    if (conns.isEmpty()) {
      throw new IllegalArgumentException("no connection");
    }
    this.conns = List.copyOf(conns);
    this.payloads = new Payloads(keys, valueSize);
    this.keys = keys;
  }

  /**
   * The request {@code workload} sends: a random key, and for puts a random value. Call it before {@link #fill}
   * for txn, so that the fill records the keys' revisions.
   *
   * @throws IllegalArgumentException for a lease workload (see {@link ClientLeases})
   */
  public ClosedLoop.Request of(Workload workload) {
    return switch (workload) {
      case PUT -> client -> kv(client).putAsync(randomKey(), value(), PutOptions.DEFAULT);
      case GET -> client -> kv(client).getAsync(randomKey(), GetOptions.DEFAULT);
      case GET_SERIALIZABLE -> client -> kv(client).getAsync(randomKey(), SERIALIZABLE);
      case TXN -> txn();
      case APPEND -> client -> conns.get(client % conns.size()).logs().appendAsync(STREAM, value(), AppendOptions.NONE);
      case LOCK, LEASE_KEEPALIVE -> throw new IllegalArgumentException(workload.cliName() + " uses ClientLeases");
      case WATCH -> throw new IllegalArgumentException("watch uses WatchBench");
    };
  }

  /**
   * Puts every key once, in order (each call takes the next key), for the reads to find; for txn, remembers each
   * put's revision as the key's modRevision.
   */
  public ClosedLoop.Request fill() {
    AtomicInteger nextKey = new AtomicInteger();
    return client -> {
      int index = nextKey.getAndIncrement() % keys;
      CompletableFuture<PutResult> put = kv(client).putAsync(Payloads.key(index), value(), PutOptions.DEFAULT);
      CompareAndPut txn = compareAndPut;
      return txn == null ? put : put.thenApply(r -> txn.saw(index, r.revision()));
    };
  }

  private ClosedLoop.Request txn() {
    CompareAndPut txn = new CompareAndPut(keys);
    compareAndPut = txn;
    return client -> {
      int index = payloads.randomIndex();
      return txn.send(conns.get(client % conns.size()), index, Payloads.key(index), value());
    };
  }

  private Kv kv(int client) {
    return conns.get(client % conns.size()).kv();
  }

  private byte[] randomKey() {
    return Payloads.key(payloads.randomIndex());
  }

  private byte[] value() {
    return payloads.value();
  }
}
