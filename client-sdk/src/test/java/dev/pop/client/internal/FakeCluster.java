package dev.pop.client.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.pop.proto.Command;
import dev.pop.proto.CommandResult;
import dev.pop.proto.DeleteRangeResponse;
import dev.pop.proto.Error;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.KeyValue;
import dev.pop.proto.PutResponse;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.RangeResponse;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.ResponseHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link PopTransport} for tests: an in-memory single-member "cluster" with exactly-once by (client_id,
 * request_id), whose behaviour per attempt can be scripted (fail, hold, answer).
 */
final class FakeCluster implements PopTransport {
  /** What was sent in one attempt. */
  record Sent(RequestKind kind, String member, byte[] payload, int attemptNo) {
    Command command() {
      try {
        return Command.parseFrom(payload);
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    }

    Query query() {
      try {
        return Query.parseFrom(payload);
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    }

    int requestCount() {
      return kind.isWrite() ? command().getRequestsCount() : query().getRequestsCount();
    }
  }

  /** Decides one attempt; return null to let the store answer. */
  interface Behavior {
    CompletableFuture<ByteBuffer> attempt(Sent sent, FakeCluster cluster);
  }

  final List<Sent> sent = new CopyOnWriteArrayList<>();
  final AtomicInteger applied = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  private final NavigableMap<ByteString, KeyValue> store = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
  private final Map<String, CommandResult> results = new ConcurrentHashMap<>();
  private final int clusterSize;
  private volatile Behavior behavior = (s, c) -> null;
  private long revision;

  FakeCluster(int clusterSize) {
    this.clusterSize = clusterSize;
  }

  FakeCluster behave(Behavior b) {
    this.behavior = b;
    return this;
  }

  @Override
  public CompletableFuture<ByteBuffer> send(RequestKind kind, String member, byte[] payload, AttemptHistory history) {
    Sent s = new Sent(kind, member, payload.clone(), sent.size() + 1);
    if (!history.sending(member != null ? member : "n1 (127.0.0.1:7701)")) {
      return CompletableFuture.failedFuture(new NotSentException("ended"));
    }
    sent.add(s);
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    CompletableFuture<ByteBuffer> f = behavior.attempt(s, this);
    if (f == null) {
      f = CompletableFuture.completedFuture(answer(s));
    }
    return f.whenComplete((r, e) -> inFlight.decrementAndGet());
  }

  /** The store's answer to an attempt (applies writes, once per request id). */
  synchronized ByteBuffer answer(Sent s) {
    if (s.kind().isWrite()) {
      Command c = s.command();
      String id = c.getClientId().toStringUtf8() + "/" + c.getRequestId();
      CommandResult r = results.computeIfAbsent(id, k -> apply(c));
      return ByteBuffer.wrap(r.toByteArray());
    }
    QueryResult.Builder r = QueryResult.newBuilder().setHeader(header());
    for (Request req : s.query().getRequestsList()) {
      r.addResponses(range(req.getRange()));
    }
    return ByteBuffer.wrap(r.build().toByteArray());
  }

  private CommandResult apply(Command c) {
    applied.incrementAndGet();
    CommandResult.Builder r = CommandResult.newBuilder();
    for (Request req : c.getRequestsList()) {
      if (req.hasPut()) {
        if (req.getPut().getKey().toStringUtf8().startsWith("conflict")) {
          r.addResponses(Response.newBuilder().setError(Error.newBuilder().setCode(ErrorCode.CONFLICT)
              .setMessage("put: key " + req.getPut().getKey().toStringUtf8() + " is fenced")));
          continue;
        }
        revision++;
        KeyValue prev = store.get(req.getPut().getKey());
        KeyValue kv = KeyValue.newBuilder().setKey(req.getPut().getKey()).setValue(req.getPut().getValue())
            .setCreateRevision(prev == null ? revision : prev.getCreateRevision()).setModRevision(revision)
            .setVersion(prev == null ? 1 : prev.getVersion() + 1).setLease(req.getPut().getLease()).build();
        store.put(kv.getKey(), kv);
        PutResponse.Builder p = PutResponse.newBuilder().setRevision(revision);
        if (prev != null && req.getPut().getPrevKv()) {
          p.setPrevKv(prev);
        }
        r.addResponses(Response.newBuilder().setPut(p));
      } else {
        List<KeyValue> gone = new ArrayList<>(rangeOf(req.getDeleteRange().getKey(),
            req.getDeleteRange().getRangeEnd()).values());
        if (!gone.isEmpty()) {
          revision++;
        }
        gone.forEach(kv -> store.remove(kv.getKey()));
        DeleteRangeResponse.Builder d = DeleteRangeResponse.newBuilder().setDeleted(gone.size()).setRevision(revision);
        if (req.getDeleteRange().getPrevKv()) {
          d.addAllPrevKvs(gone);
        }
        r.addResponses(Response.newBuilder().setDeleteRange(d));
      }
    }
    return r.setHeader(header()).build();
  }

  private Response range(RangeRequest q) {
    List<KeyValue> kvs = new ArrayList<>(rangeOf(q.getKey(), q.getRangeEnd()).values());
    int count = kvs.size();
    boolean more = q.getLimit() > 0 && kvs.size() > q.getLimit();
    if (more) {
      kvs = kvs.subList(0, (int) q.getLimit());
    }
    return Response.newBuilder().setRange(RangeResponse.newBuilder().addAllKvs(kvs).setMore(more).setCount(count))
        .build();
  }

  private Map<ByteString, KeyValue> rangeOf(ByteString key, ByteString end) {
    if (end.isEmpty()) {
      KeyValue kv = store.get(key);
      return kv == null ? Collections.emptyMap() : Map.of(key, kv);
    }
    if (end.equals(ByteString.copyFrom(new byte[] {0}))) {
      return store.tailMap(key, true);
    }
    return store.subMap(key, true, end, false);
  }

  private ResponseHeader header() {
    return ResponseHeader.newBuilder().setRevision(revision).setMemberId("n1").setRaftTerm(2).build();
  }

  List<Sent> writes() {
    return sent.stream().filter(s -> s.kind().isWrite()).toList();
  }

  @Override
  public int clusterSize() {
    return clusterSize;
  }

  @Override
  public void close() {
  }
}
