package dev.pop.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.pop.client.ConflictException;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.UnavailableException;
import dev.pop.client.UnknownOutcomeException;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.PutResult;
import dev.pop.proto.Command;
import dev.pop.proto.PutRequest;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.Request;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LaneTest {
  private final SdkExecutors executors = new SdkExecutors();
  private final FakeCluster cluster = new FakeCluster(3);
  private final List<Lane> lanes = new ArrayList<>();

  @AfterEach
  void stop() {
    lanes.forEach(Lane::close);
    executors.close();
  }

  private Lane lane(RequestKind kind, Duration timeout, int maxInFlight) {
    ClientConfig cfg = new ClientConfig(List.of(new HostPort("127.0.0.1", 7701)), timeout, 128, 1 << 20,
        maxInFlight, Duration.ZERO);
    Lane l = new Lane("test", kind, null, cluster, cfg, executors, kind.isWrite() ? new WriteSession() : null);
    lanes.add(l);
    return l;
  }

  private static PendingCall<PutResult> put(String key, Duration timeout) {
    long now = System.nanoTime();
    Request r = Request.newBuilder().setPut(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
        .setValue(ByteString.copyFromUtf8("v-" + key))).build();
    return new PendingCall<>("put", r, now, now + timeout.toNanos(), ProtoResults::put);
  }

  private static PendingCall<GetResult> get(String key, Duration timeout) {
    long now = System.nanoTime();
    Request r = Request.newBuilder().setRange(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))).build();
    return new PendingCall<>("get", r, now, now + timeout.toNanos(), ProtoResults::get);
  }

  private static Throwable failure(CompletableFuture<?> f) throws Exception {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, got " + f.get());
  }

  @Test
  void concurrentCallsShareBatchesAndEachCallerGetsItsOwnResult() throws Exception {
    List<CompletableFuture<ByteBuffer>> held = new CopyOnWriteArrayList<>();
    cluster.behave((s, c) -> {
      CompletableFuture<ByteBuffer> f = new CompletableFuture<>();
      held.add(f);
      return f;
    });
    Lane lane = lane(RequestKind.WRITE, Duration.ofSeconds(10), 1);
    List<PendingCall<PutResult>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      PendingCall<PutResult> c = put("k" + i, Duration.ofSeconds(10));
      calls.add(c);
      lane.submit(c);
    }
    assertEquals(1, cluster.sent.size(), "the first call leaves alone, the others wait for the slot");
    cluster.behave((s, c) -> null);
    held.get(0).complete(cluster.answer(cluster.sent.get(0)));
    for (PendingCall<PutResult> c : calls) {
      c.future().get(10, TimeUnit.SECONDS);
    }
    assertEquals(2, cluster.sent.size(), "49 waiting calls went as one batch");
    assertEquals(49, cluster.sent.get(1).requestCount());
    // each caller's revision is the one of its own put: the batch applies them in order
    for (int i = 0; i < 50; i++) {
      assertEquals(i + 1, calls.get(i).future().get().revision(), "caller " + i);
    }
  }

  @Test
  void aPerRequestErrorFailsOnlyItsCaller() throws Exception {
    Lane lane = lane(RequestKind.WRITE, Duration.ofSeconds(10), 1);
    CompletableFuture<ByteBuffer> gate = new CompletableFuture<>();
    AtomicInteger n = new AtomicInteger();
    cluster.behave((s, c) -> n.getAndIncrement() == 0 ? gate.thenApply(x -> c.answer(s)) : null);
    lane.submit(put("first", Duration.ofSeconds(10)));
    PendingCall<PutResult> a = put("a", Duration.ofSeconds(10));
    PendingCall<PutResult> bad = put("conflict-b", Duration.ofSeconds(10));
    PendingCall<PutResult> c = put("c", Duration.ofSeconds(10));
    lane.submit(a);
    lane.submit(bad);
    lane.submit(c);
    gate.complete(null);
    assertTrue(a.future().get(10, TimeUnit.SECONDS).revision() > 0);
    assertTrue(c.future().get(10, TimeUnit.SECONDS).revision() > 0);
    assertEquals(2, cluster.sent.size());
    assertEquals(3, cluster.sent.get(1).requestCount(), "a, conflict-b and c went in one batch");
    Throwable e = failure(bad.future());
    assertInstanceOf(ConflictException.class, e);
    assertTrue(e.getMessage().startsWith("put: "), e.getMessage());
  }

  @Test
  void retriesResendTheSameRequestIdAndBytesAndApplyOnce() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    cluster.behave((s, c) -> switch (attempts.incrementAndGet()) {
      case 1 -> CompletableFuture.failedFuture(new ConnectException("Connection refused"));
      case 2 -> {
        c.answer(s); // applied, but the reply is lost
        yield CompletableFuture.failedFuture(new TimeoutIOException("timeout"));
      }
      default -> null;
    });
    Lane lane = lane(RequestKind.WRITE, Duration.ofSeconds(10), 4);
    PendingCall<PutResult> call = put("k", Duration.ofSeconds(10));
    lane.submit(call);
    assertEquals(1, call.future().get(10, TimeUnit.SECONDS).revision());
    assertEquals(3, cluster.sent.size());
    Command first = cluster.sent.get(0).command();
    for (FakeCluster.Sent s : cluster.sent) {
      assertArrayEquals(cluster.sent.get(0).payload(), s.payload(), "same bytes on every attempt");
      assertEquals(first.getRequestId(), s.command().getRequestId());
    }
    assertEquals(1, cluster.applied.get(), "applied once");
  }

  @Test
  void ackBelowAdvancesPastEndedBatches() throws Exception {
    Lane lane = lane(RequestKind.WRITE, Duration.ofSeconds(10), 1);
    for (int i = 0; i < 3; i++) {
      PendingCall<PutResult> c = put("k" + i, Duration.ofSeconds(10));
      lane.submit(c);
      c.future().get(10, TimeUnit.SECONDS);
    }
    List<FakeCluster.Sent> w = cluster.writes();
    for (int i = 0; i < 3; i++) {
      assertEquals(i + 1, w.get(i).command().getRequestId());
      assertEquals(i + 1, w.get(i).command().getAckBelow(), "every earlier batch has its reply");
    }
  }

  @Test
  void writeThatNeverReachedALeaderIsUnavailableAndNamesTheMembersTried() throws Exception {
    cluster.behave((s, c) -> CompletableFuture.failedFuture(
        new java.io.IOException("UNAVAILABLE: io exception", new ConnectException("Connection refused"))));
    Lane lane = lane(RequestKind.WRITE, Duration.ofMillis(600), 4);
    PendingCall<PutResult> call = put("k", Duration.ofMillis(600));
    lane.submit(call);
    Throwable e = failure(call.future());
    assertInstanceOf(UnavailableException.class, e);
    assertTrue(e.getMessage().startsWith("put: no quorum: tried n1 (127.0.0.1:7701)"), e.getMessage());
    assertTrue(e.getMessage().contains("a majority of 3 members must be reachable"), e.getMessage());
    assertTrue(cluster.sent.size() >= 2, "retried: " + cluster.sent.size());
  }

  @Test
  void writeThatMayHaveReachedALeaderIsUnknownOutcome() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    cluster.behave((s, c) -> CompletableFuture.failedFuture(attempts.incrementAndGet() == 1
        ? new TimeoutIOException("request timeout")
        : new ConnectException("Connection refused")));
    Lane lane = lane(RequestKind.WRITE, Duration.ofMillis(600), 4);
    PendingCall<PutResult> call = put("k", Duration.ofMillis(600));
    lane.submit(call);
    Throwable e = failure(call.future());
    assertInstanceOf(UnknownOutcomeException.class, e);
    assertTrue(e.getMessage().contains("may or may not have been applied"), e.getMessage());
  }

  @Test
  void writeStillOnTheWireAtTheDeadlineIsUnknownOutcome() throws Exception {
    cluster.behave((s, c) -> new CompletableFuture<>());
    Lane lane = lane(RequestKind.WRITE, Duration.ofMillis(300), 4);
    PendingCall<PutResult> call = put("k", Duration.ofMillis(300));
    lane.submit(call);
    assertInstanceOf(UnknownOutcomeException.class, failure(call.future()));
    assertEquals(1, cluster.sent.size());
  }

  @Test
  void readsThatFailAreUnavailableEvenAfterTimeouts() throws Exception {
    cluster.behave((s, c) -> CompletableFuture.failedFuture(new TimeoutIOException("request timeout")));
    Lane lane = lane(RequestKind.LINEARIZABLE_READ, Duration.ofMillis(500), 4);
    PendingCall<GetResult> call = get("k", Duration.ofMillis(500));
    lane.submit(call);
    Throwable e = failure(call.future());
    assertInstanceOf(UnavailableException.class, e);
    assertTrue(e.getMessage().startsWith("get: no quorum"), e.getMessage());
  }

  @Test
  void aDefiniteRefusalIsNotRetried() throws Exception {
    cluster.behave((s, c) -> CompletableFuture.failedFuture(
        new StateMachineException("n1@group-1: [POP:INVALID_ARGUMENT] put: key is 5000 bytes; the limit is 4096")));
    Lane lane = lane(RequestKind.WRITE, Duration.ofSeconds(5), 4);
    PendingCall<PutResult> call = put("k", Duration.ofSeconds(5));
    lane.submit(call);
    Throwable e = failure(call.future());
    assertInstanceOf(InvalidArgumentException.class, e);
    assertEquals("put: key is 5000 bytes; the limit is 4096", e.getMessage());
    assertEquals(1, cluster.sent.size());
  }

  @Test
  void aBatchRefusedAsAWholeIsSplitSoOnlyTheBadCallFails() throws Exception {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    AtomicInteger n = new AtomicInteger();
    cluster.behave((s, c) -> {
      if (n.getAndIncrement() == 0) {
        return gate.thenApply(x -> c.answer(s));
      }
      boolean bad = s.command().getRequestsList().stream()
          .anyMatch(r -> r.getPut().getKey().toStringUtf8().equals("huge"));
      return bad ? CompletableFuture.failedFuture(new StateMachineException("[POP:INVALID_ARGUMENT] put: value too large"))
          : null;
    });
    Lane lane = lane(RequestKind.WRITE, Duration.ofSeconds(5), 1);
    lane.submit(put("first", Duration.ofSeconds(5)));
    PendingCall<PutResult> a = put("a", Duration.ofSeconds(5));
    PendingCall<PutResult> huge = put("huge", Duration.ofSeconds(5));
    PendingCall<PutResult> b = put("b", Duration.ofSeconds(5));
    lane.submit(a);
    lane.submit(huge);
    lane.submit(b);
    gate.complete(null);
    assertTrue(a.future().get(10, TimeUnit.SECONDS).revision() > 0);
    assertTrue(b.future().get(10, TimeUnit.SECONDS).revision() > 0);
    assertInstanceOf(InvalidArgumentException.class, failure(huge.future()));
    assertEquals(3, cluster.sent.get(1).requestCount(), "first sent together");
    assertEquals(5, cluster.sent.size(), "then each alone");
  }

  @Test
  void inFlightBatchesNeverExceedTheCap() throws Exception {
    List<CompletableFuture<ByteBuffer>> held = new CopyOnWriteArrayList<>();
    cluster.behave((s, c) -> {
      CompletableFuture<ByteBuffer> f = new CompletableFuture<>();
      held.add(f);
      return f.thenApply(x -> c.answer(s));
    });
    Lane lane = lane(RequestKind.WRITE, Duration.ofSeconds(10), 3);
    List<PendingCall<PutResult>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      PendingCall<PutResult> c = put("k" + i, Duration.ofSeconds(10));
      calls.add(c);
      lane.submit(c);
    }
    assertEquals(3, cluster.sent.size());
    int released = 0;
    while (calls.stream().anyMatch(c -> !c.future().isDone())) {
      if (released < held.size()) {
        held.get(released++).complete(null);
      } else {
        Thread.sleep(2);
      }
      assertTrue(cluster.maxInFlight.get() <= 3, "in flight " + cluster.maxInFlight.get());
    }
    assertEquals(20, cluster.writes().stream().mapToInt(FakeCluster.Sent::requestCount).sum(),
        "every call sent exactly once");
    assertTrue(cluster.writes().size() < 20, "calls were coalesced: " + cluster.writes().size() + " batches");
  }

  @Test
  void aCallThatWaitedPastItsDeadlineIsNeverSent() throws Exception {
    cluster.behave((s, c) -> new CompletableFuture<>());
    Lane lane = lane(RequestKind.WRITE, Duration.ofMillis(300), 1);
    PendingCall<PutResult> first = put("first", Duration.ofMillis(300));
    lane.submit(first);
    PendingCall<PutResult> late = put("late", Duration.ofMillis(1));
    lane.submit(late);
    Throwable e = failure(late.future());
    assertInstanceOf(UnavailableException.class, e);
    assertTrue(e.getMessage().contains("not sent within the deadline"), e.getMessage());
    assertInstanceOf(UnknownOutcomeException.class, failure(first.future()));
    assertEquals(1, cluster.sent.size());
  }

  @Test
  void closeFailsPendingCalls() throws Exception {
    cluster.behave((s, c) -> new CompletableFuture<>());
    Lane lane = lane(RequestKind.WRITE, Duration.ofSeconds(30), 1);
    PendingCall<PutResult> sent = put("sent", Duration.ofSeconds(30));
    PendingCall<PutResult> queued = put("queued", Duration.ofSeconds(30));
    lane.submit(sent);
    lane.submit(queued);
    lane.close();
    assertInstanceOf(UnknownOutcomeException.class, failure(sent.future()));
    assertInstanceOf(UnavailableException.class, failure(queued.future()));
  }
}
