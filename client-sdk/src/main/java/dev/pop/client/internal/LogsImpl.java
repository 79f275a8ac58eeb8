package dev.pop.client.internal;

import com.google.protobuf.ByteString;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.Logs;
import dev.pop.client.log.AppendOptions;
import dev.pop.client.log.LogReadResult;
import dev.pop.client.log.LogRecord;
import dev.pop.client.log.StreamInfo;
import dev.pop.proto.LockHeld;
import dev.pop.proto.LogAppendRequest;
import dev.pop.proto.LogEntryRecord;
import dev.pop.proto.LogListRequest;
import dev.pop.proto.LogReadRequest;
import dev.pop.proto.LogReadResponse;
import dev.pop.proto.LogTrimRequest;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.ResponseHeader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Logs}: appends and trims on the write lane, reads on the linearizable read lane; a waiting read goes
 * alone, unordered, on the lock-wait lane (the server parks it until an append), in rounds of at most
 * {@link LockAcquisition#MAX_WAIT_MS}.
 */
final class LogsImpl implements Logs {
  private static final long MAX_WAIT_MS = 60_000;

  private final Calls calls;

  LogsImpl(Calls calls) {
    this.calls = calls;
  }

  @Override
  public long append(String stream, byte[] data) {
    return append(stream, data, AppendOptions.NONE);
  }

  @Override
  public long append(String stream, byte[] data, AppendOptions options) {
    return Futures.await("log append", appendAsync(stream, data, options), true);
  }

  @Override
  public CompletableFuture<Long> appendAsync(String stream, byte[] data, AppendOptions options) {
    return Calls.guard(() -> {
      requireStream("log append", stream);
      if (data == null) {
        throw new InvalidArgumentException("log append: data must not be null");
      }
      AppendOptions o = options == null ? AppendOptions.NONE : options;
      LogAppendRequest.Builder a = LogAppendRequest.newBuilder().setStream(stream).setData(ByteString.copyFrom(data))
          .setExpectedSeq(o.expectedSeq());
      if (o.lockName() != null) {
        a.setLockHeld(LockHeld.newBuilder().setName(o.lockName()).setFence(o.fence()));
      }
      return calls.write("log append", Request.newBuilder().setLogAppend(a).build(), (r, h) -> {
        expect(r, Response.ResultCase.LOG_APPEND);
        return r.getLogAppend().getSeq();
      });
    });
  }

  @Override
  public LogReadResult read(String stream, long fromSeq, int limit) {
    return Futures.await("log read", Calls.guard(() -> calls.read("log read",
        readRequest(stream, fromSeq, limit, 0), LogsImpl::readResult)), false);
  }

  @Override
  public LogReadResult awaitRead(String stream, long fromSeq, int limit, Duration wait) {
    if (wait == null || wait.isNegative() || wait.toMillis() > MAX_WAIT_MS) {
      throw new InvalidArgumentException("log read: wait is " + wait + ", must be in [0, " + MAX_WAIT_MS + " ms]");
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long remainingMs = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
      long roundMs = Math.min(remainingMs, LockAcquisition.MAX_WAIT_MS);
      if (roundMs == 0) {
        return read(stream, fromSeq, limit);
      }
      Request r = readRequest(stream, fromSeq, limit, roundMs);
      long callDeadline = System.nanoTime() + roundMs * 1_000_000 + calls.config().timeout().toNanos();
      LogReadResult result = Futures.await("log read", calls.submit("log read", r, calls.lanes().lockWaits(),
          LogsImpl::readResult, callDeadline, true), false);
      if (!result.entries().isEmpty() || System.nanoTime() >= deadline) {
        return result;
      }
    }
  }

  @Override
  public long trim(String stream, long uptoSeq) {
    return Futures.await("log trim", Calls.guard(() -> {
      requireStream("log trim", stream);
      return calls.write("log trim", Request.newBuilder().setLogTrim(LogTrimRequest.newBuilder().setStream(stream)
          .setUptoSeq(uptoSeq)).build(), (r, h) -> {
            expect(r, Response.ResultCase.LOG_TRIM);
            return r.getLogTrim().getFirstSeq();
          });
    }), true);
  }

  @Override
  public List<StreamInfo> list(String prefix) {
    return Futures.await("log list", Calls.guard(() -> calls.read("log list", Request.newBuilder()
        .setLogList(LogListRequest.newBuilder().setPrefix(prefix == null ? "" : prefix)).build(), (r, h) -> {
          expect(r, Response.ResultCase.LOG_LIST);
          List<StreamInfo> out = new ArrayList<>();
          r.getLogList().getStreamsList().forEach(i -> out.add(new StreamInfo(i.getStream(), i.getFirstSeq(),
              i.getLastSeq())));
          return out;
        })), false);
  }

  private static Request readRequest(String stream, long fromSeq, int limit, long waitMs) {
    requireStream("log read", stream);
    return Request.newBuilder().setLogRead(LogReadRequest.newBuilder().setStream(stream).setFromSeq(fromSeq)
        .setLimit(limit).setWaitMs(waitMs)).build();
  }

  private static LogReadResult readResult(Response r, ResponseHeader h) {
    expect(r, Response.ResultCase.LOG_READ);
    LogReadResponse read = r.getLogRead();
    List<LogRecord> entries = new ArrayList<>(read.getEntriesCount());
    for (LogEntryRecord e : read.getEntriesList()) {
      entries.add(new LogRecord(e.getSeq(), e.getData().toByteArray(), e.getTimeMs()));
    }
    return new LogReadResult(entries, read.getFirstSeq(), read.getLastSeq(), ProtoResults.header(h));
  }

  private static void requireStream(String op, String stream) {
    if (stream == null || stream.isEmpty()) {
      throw new InvalidArgumentException(op + ": stream must not be " + (stream == null ? "null" : "empty"));
    }
  }

  private static void expect(Response r, Response.ResultCase expected) {
    if (r.getResultCase() != expected) {
      throw new IllegalStateException("unexpected reply " + r.getResultCase() + " instead of " + expected);
    }
  }
}
