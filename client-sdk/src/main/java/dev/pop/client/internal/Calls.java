package dev.pop.client.internal;

import dev.pop.client.InvalidArgumentException;
import dev.pop.proto.Request;
import java.util.concurrent.CompletableFuture;

/** Submits one wire request as one call on a lane, for the feature implementations. */
final class Calls {
  private final Lanes lanes;
  private final ClientConfig config;

  Calls(Lanes lanes, ClientConfig config) {
    this.lanes = lanes;
    this.config = config;
  }

  Lanes lanes() {
    return lanes;
  }

  ClientConfig config() {
    return config;
  }

  <R> CompletableFuture<R> write(String op, Request request, ResponseMapper<R> mapper) {
    return submit(op, request, lanes.writes(), mapper, System.nanoTime() + config.timeout().toNanos(), false);
  }

  <R> CompletableFuture<R> read(String op, Request request, ResponseMapper<R> mapper) {
    return submit(op, request, lanes.linearizableReads(null), mapper,
        System.nanoTime() + config.timeout().toNanos(), false);
  }

  /**
   * @param deadlineNanos {@link System#nanoTime()} by which the call must end
   * @param solo whether the call must travel alone in its batch
   */
  <R> CompletableFuture<R> submit(String op, Request request, Lane lane, ResponseMapper<R> mapper,
      long deadlineNanos, boolean solo) {
    PendingCall<R> call = new PendingCall<>(op, request, System.nanoTime(), deadlineNanos, mapper);
    if (call.sizeBytes() > ClientConfig.MAX_BATCH_BYTES_LIMIT) {
      return CompletableFuture.failedFuture(new InvalidArgumentException(op + ": request is " + call.sizeBytes()
          + " bytes; the limit is " + ClientConfig.MAX_BATCH_BYTES_LIMIT + " (server request limit "
          + ClientConfig.SERVER_REQUEST_LIMIT_BYTES + " bytes less envelope)"));
    }
    if (solo) {
      call.isolate();
    }
    lane.submit(call);
    return call.future();
  }

  /** Runs {@code body}, turning a synchronous {@link RuntimeException} (bad argument) into a failed future. */
  static <R> CompletableFuture<R> guard(java.util.function.Supplier<CompletableFuture<R>> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
