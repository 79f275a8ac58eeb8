package dev.pop.client.internal;

import dev.pop.client.ErrorCode;
import dev.pop.client.PopException;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.ResponseHeader;
import com.google.protobuf.CodedOutputStream;
import java.util.concurrent.CompletableFuture;

/** One caller's operation, waiting in a lane for its batch and then for its own response. */
public final class PendingCall<R> implements BatchItem {
  private final String op;
  private final Request request;
  private final int sizeBytes;
  private final long enqueuedNanos;
  private final long deadlineNanos;
  private final ResponseMapper<R> mapper;
  private final CompletableFuture<R> future = new CompletableFuture<>();
  private volatile boolean solo;

  /**
   * @param op the operation's name in messages (e.g. "put")
   * @param deadlineNanos {@link System#nanoTime()} after which the call must have ended
   */
  public PendingCall(String op, Request request, long enqueuedNanos, long deadlineNanos, ResponseMapper<R> mapper) {
    this.op = op;
    this.request = request;
    // the request as a length-delimited field of Command / Query (one-byte tag)
    this.sizeBytes = 1 + CodedOutputStream.computeMessageSizeNoTag(request);
    this.enqueuedNanos = enqueuedNanos;
    this.deadlineNanos = deadlineNanos;
    this.mapper = mapper;
  }

  public String op() {
    return op;
  }

  public Request request() {
    return request;
  }

  public CompletableFuture<R> future() {
    return future;
  }

  public long deadlineNanos() {
    return deadlineNanos;
  }

  @Override
  public int sizeBytes() {
    return sizeBytes;
  }

  @Override
  public long enqueuedNanos() {
    return enqueuedNanos;
  }

  @Override
  public boolean solo() {
    return solo;
  }

  /** From now on the call travels alone. */
  void isolate() {
    solo = true;
  }

  /** Completes the call with its own response: a per-request error fails only this call. */
  void complete(Response response, ResponseHeader header) {
    try {
      if (response.hasError()) {
        future.completeExceptionally(PopErrors.fromProto(op, response.getError()));
      } else {
        future.complete(mapper.map(response, header));
      }
    } catch (PopException e) {
      future.completeExceptionally(e);
    } catch (RuntimeException e) {
      future.completeExceptionally(new PopException(ErrorCode.INTERNAL, op + ": malformed reply: " + e, e));
    }
  }

  void fail(PopException e) {
    future.completeExceptionally(e);
  }

  boolean isDone() {
    return future.isDone();
  }
}
