package dev.pop.client.internal;

import dev.pop.client.ErrorCode;
import dev.pop.client.UnavailableException;
import io.github.resilience4j.retry.Retry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One stream of batches of one {@link RequestKind} (and, for serializable reads, one target member): a
 * {@link Batcher} that coalesces calls, and a {@link BatchRun} per launched batch that retries it until it is
 * answered or its deadline passes. Thread-safe.
 */
public final class Lane implements AutoCloseable {
  private final RequestKind kind;
  private final String member;
  private final BatchCodec codec;
  private final PopTransport transport;
  private final ClientConfig config;
  private final SdkExecutors executors;
  private final WriteSession session;
  private final Retry retry;
  private final Batcher<PendingCall<?>> batcher;
  private final Set<BatchRun> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param member for serializable reads: the member that must answer, or null for any
   * @param session for writes: the exactly-once identity; null for reads
   */
  public Lane(String name, RequestKind kind, String member, PopTransport transport, ClientConfig config,
      SdkExecutors executors, WriteSession session) {
    this.kind = kind;
    this.member = member;
    this.codec = kind.isWrite() ? BatchCodec.COMMAND : BatchCodec.QUERY;
    this.transport = transport;
    this.config = config;
    this.executors = executors;
    this.session = session;
    this.retry = BatchRetry.create(name);
    this.batcher = new Batcher<>(BatchLimits.of(config), executors.timer(), this::launch);
    if (kind.isWrite() && session == null) {
      throw new IllegalArgumentException("a write lane needs a session");
    }
  }

  /** Queues a call; it completes (its future) when its batch is answered, refused or out of time. */
  public void submit(PendingCall<?> call) {
    if (closed || !batcher.submit(call)) {
      call.fail(new UnavailableException(call.op() + ": the client is closed"));
    }
  }

  private void launch(List<PendingCall<?>> calls) {
    long now = System.nanoTime();
    List<PendingCall<?>> live = new ArrayList<>(calls.size());
    long deadline = Long.MAX_VALUE;
    for (PendingCall<?> c : calls) {
      if (c.isDone()) {
        continue;
      }
      if (now - c.deadlineNanos() >= 0) {
        c.fail(new UnavailableException(
            FailureMessages.notSent(c.op(), config.timeout(), config.maxInFlightBatches())));
        continue;
      }
      live.add(c);
      deadline = live.size() == 1 ? c.deadlineNanos() : Math.min(deadline, c.deadlineNanos());
    }
    if (live.isEmpty()) {
      batcher.batchDone();
      return;
    }
    WriteSession.Ticket ticket = kind.isWrite() ? session.begin() : null;
    byte[] payload = codec.encode(live, ticket);
    BatchRun run = new BatchRun(this, live, payload, ticket, deadline);
    running.add(run);
    if (closed) {
      run.close();
      return;
    }
    run.start();
  }

  /** Called once by each run when it has answered its callers (or handed them back for isolation). */
  void finished(BatchRun run, WriteSession.Ticket ticket) {
    running.remove(run);
    if (ticket != null) {
      session.end(ticket.requestId());
    }
    batcher.batchDone();
  }

  /** Sends each call again, alone, after their batch was refused as a whole. Not applied: new request ids are safe. */
  void resubmitAlone(List<PendingCall<?>> calls) {
    for (PendingCall<?> c : calls) {
      c.isolate();
      submit(c);
    }
  }

  RequestKind kind() {
    return kind;
  }

  String member() {
    return member;
  }

  BatchCodec codec() {
    return codec;
  }

  PopTransport transport() {
    return transport;
  }

  ClientConfig config() {
    return config;
  }

  SdkExecutors executors() {
    return executors;
  }

  Retry retry() {
    return retry;
  }

  /** Batches launched and not yet ended (for tests and metrics). */
  public int inFlight() {
    return batcher.inFlight();
  }

  /** Fails queued calls and ends running batches: reads and unsent writes UNAVAILABLE, sent writes UNKNOWN_OUTCOME. */
  @Override
  public void close() {
    closed = true;
    for (PendingCall<?> c : batcher.close()) {
      c.fail(PopErrors.of(ErrorCode.UNAVAILABLE, c.op() + ": the client is closed"));
    }
    for (BatchRun run : new ArrayList<>(running)) {
      run.close();
    }
  }
}
