package dev.pop.client.internal;

import dev.pop.client.InvalidArgumentException;
import dev.pop.client.Txn;
import dev.pop.client.txn.Cmp;
import dev.pop.client.txn.Op;
import dev.pop.client.txn.TxnResult;
import dev.pop.proto.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link Txn}: collects compares and ops, sends one TxnRequest as one call (a write, or a read if all ops are gets). */
final class TxnImpl implements Txn {
  private final Calls calls;
  private final List<Cmp> compares = new ArrayList<>();
  private final List<Op> success = new ArrayList<>();
  private final List<Op> failure = new ArrayList<>();

  TxnImpl(Calls calls) {
    this.calls = calls;
  }

  @Override
  public Txn when(Cmp... cmps) {
    compares.addAll(nonNull("when", cmps));
    return this;
  }

  @Override
  public Txn then(Op... ops) {
    success.addAll(nonNull("then", ops));
    return this;
  }

  @Override
  public Txn otherwise(Op... ops) {
    failure.addAll(nonNull("otherwise", ops));
    return this;
  }

  @Override
  public TxnResult commit() {
    return Futures.await("txn", commitAsync(), !TxnCodec.readOnly(success, failure));
  }

  @Override
  public CompletableFuture<TxnResult> commitAsync() {
    Request r = Request.newBuilder().setTxn(TxnCodec.request(compares, success, failure)).build();
    return TxnCodec.readOnly(success, failure)
        ? calls.read("txn", r, TxnCodec::result)
        : calls.write("txn", r, TxnCodec::result);
  }

  /** The wire request this txn would send (tests). */
  Request request() {
    return Request.newBuilder().setTxn(TxnCodec.request(compares, success, failure)).build();
  }

  @SafeVarargs
  private static <T> List<T> nonNull(String where, T... items) {
    if (items == null) {
      throw new InvalidArgumentException("txn: " + where + "(...) got null");
    }
    for (int i = 0; i < items.length; i++) {
      if (items[i] == null) {
        throw new InvalidArgumentException("txn: " + where + "(...) argument " + i + " is null");
      }
    }
    return List.of(items);
  }
}
