package dev.pop.client.internal;

import dev.pop.client.ErrorCode;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The life of one batch: the same payload (for writes: the same request id) is sent again by Resilience4j after each
 * retryable failure until a reply comes or the deadline passes; then every caller gets its own response, or the
 * verdict of {@link AttemptHistory}. Ends exactly once.
 */
final class BatchRun {
  /** Marks an attempt that was not started because the batch had already ended. */
  private static final Failure STOPPED = new Failure(Failure.Kind.CLOSED, ErrorCode.UNAVAILABLE, "batch ended");

  private final Lane lane;
  private final List<PendingCall<?>> calls;
  private final byte[] payload;
  private final WriteSession.Ticket ticket;
  private final long deadlineNanos;
  private final AttemptHistory history = new AttemptHistory();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile ScheduledFuture<?> deadlineTask;

  BatchRun(Lane lane, List<PendingCall<?>> calls, byte[] payload, WriteSession.Ticket ticket, long deadlineNanos) {
    this.lane = lane;
    this.calls = calls;
    this.payload = payload;
    this.ticket = ticket;
    this.deadlineNanos = deadlineNanos;
  }

  void start() {
    try {
      deadlineTask = lane.executors().timer().schedule(
          () -> lane.executors().onCallback(this::onDeadline),
          Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      close();
      return;
    }
    lane.retry().executeCompletionStage(lane.executors().timer(), this::attempt)
        .whenComplete((reply, error) -> lane.executors().onCallback(() -> onRetryEnd(reply, error)));
  }

  private CompletionStage<BatchReply> attempt() {
    if (ended.get() || System.nanoTime() - deadlineNanos >= 0) {
      return CompletableFuture.failedFuture(new AttemptException(STOPPED, null));
    }
    history.started();
    CompletableFuture<ByteBuffer> sent;
    try {
      sent = lane.transport().send(lane.kind(), lane.member(), payload, history);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.handleAsync(this::onAttemptDone, lane.executors().callbackExecutor());
  }

  private BatchReply onAttemptDone(ByteBuffer content, Throwable error) {
    Throwable cause = error;
    if (cause == null) {
      try {
        BatchReply reply = lane.codec().decode(content);
        if (reply.responses().size() == calls.size()) {
          return reply;
        }
        cause = new IllegalStateException("reply has " + reply.responses().size() + " responses for "
            + calls.size() + " requests");
      } catch (Exception e) {
        cause = e;
      }
      Failure f = Failure.refused(ErrorCode.INTERNAL, "malformed reply: " + cause.getMessage());
      history.failed(f);
      throw new CompletionException(new AttemptException(f, cause));
    }
    Failure f = FailureClassifier.classify(cause);
    history.failed(f);
    throw new CompletionException(new AttemptException(f, FailureClassifier.unwrap(cause)));
  }

  private void onRetryEnd(BatchReply reply, Throwable error) {
    if (reply != null) {
      succeed(reply);
      return;
    }
    Throwable t = FailureClassifier.unwrap(error);
    Failure f = t instanceof AttemptException a ? a.failure() : FailureClassifier.classify(t);
    if (f == STOPPED) {
      onDeadline();
      return;
    }
    if (f.kind() == Failure.Kind.REFUSED && calls.size() > 1 && f.code() != ErrorCode.UNAUTHORIZED
        && !(lane.kind().isWrite() && history.mayHaveBeenApplied())) {
      // Refused as a whole (e.g. one op over a limit): not applied, so each call may go again, alone.
      if (end()) {
        history.close(lane.kind().isWrite());
        lane.finished(this, ticket);
        lane.resubmitAlone(calls);
      }
      return;
    }
    fail(history.close(lane.kind().isWrite()));
  }

  private void onDeadline() {
    fail(history.close(lane.kind().isWrite()));
  }

  /** The client is closing. */
  void close() {
    history.failed(new Failure(Failure.Kind.CLOSED, ErrorCode.UNAVAILABLE, "the client is closed"));
    lane.executors().onCallback(() -> fail(history.close(lane.kind().isWrite())));
  }

  private void succeed(BatchReply reply) {
    if (!end()) {
      return;
    }
    history.close(lane.kind().isWrite());
    for (int i = 0; i < calls.size(); i++) {
      calls.get(i).complete(reply.responses().get(i), reply.header());
    }
    lane.finished(this, ticket);
  }

  private void fail(ErrorCode code) {
    if (!end()) {
      return;
    }
    ClientConfig cfg = lane.config();
    int size = lane.transport().clusterSize();
    for (PendingCall<?> c : calls) {
      String message = FailureMessages.of(c.op(), code, lane.kind(), lane.member(), history, cfg.timeout(), size);
      c.fail(PopErrors.of(code, message, 0));
    }
    lane.finished(this, ticket);
  }

  private boolean end() {
    if (!ended.compareAndSet(false, true)) {
      return false;
    }
    ScheduledFuture<?> t = deadlineTask;
    if (t != null) {
      t.cancel(false);
    }
    return true;
  }
}
