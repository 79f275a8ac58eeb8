package dev.pop.client.internal;

import dev.pop.client.Counters;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.counter.Bounds;
import dev.pop.client.counter.IncrementResult;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.ResponseHeader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** {@link Counters}: one IncrementRequest per call, on the write lane. */
final class CountersImpl implements Counters {
  private final Calls calls;

  CountersImpl(Calls calls) {
    this.calls = calls;
  }

  @Override
  public long increment(String key, long delta) {
    return increment(key, delta, Bounds.NONE);
  }

  @Override
  public long increment(String key, long delta, Bounds bounds) {
    if (key == null) {
      throw new InvalidArgumentException("increment: key must not be null");
    }
    return increment(key.getBytes(StandardCharsets.UTF_8), delta, bounds).value();
  }

  @Override
  public IncrementResult increment(byte[] key, long delta, Bounds bounds) {
    return Futures.await("increment", incrementAsync(key, delta, bounds), true);
  }

  @Override
  public CompletableFuture<IncrementResult> incrementAsync(byte[] key, long delta, Bounds bounds) {
    if (key == null || key.length == 0) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("increment: key must not be "
          + (key == null ? "null" : "empty")));
    }
    Request r = Request.newBuilder().setIncrement(TxnCodec.increment(key, delta, bounds)).build();
    return calls.write("increment", r, CountersImpl::result);
  }

  private static IncrementResult result(Response r, ResponseHeader h) {
    if (!r.hasIncrement()) {
      throw new IllegalStateException("unexpected reply " + r.getResultCase() + " instead of INCREMENT");
    }
    return new IncrementResult(r.getIncrement().getValue(), r.getIncrement().getRevision(), ProtoResults.header(h));
  }
}
