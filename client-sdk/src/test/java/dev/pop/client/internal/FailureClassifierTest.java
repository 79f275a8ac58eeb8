package dev.pop.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.apache.ratis.thirdparty.io.grpc.Status;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {
  private static final RaftGroupMemberId N1 = RaftGroupMemberId.valueOf(RaftPeerId.valueOf("n1"), PopGroup.ID);

  private static Failure classify(Throwable t) {
    return FailureClassifier.classify(t);
  }

  @Test
  void refusalsBeforeTheLogAreDefinite() {
    for (ErrorCode c : List.of(ErrorCode.INVALID_ARGUMENT, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT,
        ErrorCode.NO_SPACE, ErrorCode.COMPACTED)) {
      Failure f = classify(new StateMachineException("n1: [POP:" + c + "] put: nope"));
      assertEquals(Failure.Kind.REFUSED, f.kind(), c.name());
      assertEquals(c, f.code());
      assertFalse(f.retryable(), c + " must not be retried");
      assertEquals("put: nope", f.reason());
    }
  }

  @Test
  void aMemberWithoutAnyCommitYetIsRetriedNotReported() {
    // regression: a write to the front of a just-started leader failed as a server error (ImageStoreExampleTest)
    Failure f = classify(new StateMachineException(RaftGroupMemberId.valueOf(RaftPeerId.valueOf("n1"),
        org.apache.ratis.protocol.RaftGroupId.randomId()),
        new org.apache.ratis.protocol.exceptions.StaleReadException("commit index = -1 < min = 0")));
    assertEquals(Failure.Kind.NOT_APPLIED, f.kind());
    assertTrue(f.retryable());
  }

  @Test
  void noQuorumRefusalIsRetryableAndNotApplied() {
    Failure f = classify(new StateMachineException("[POP:UNAVAILABLE] put: the leader lost its majority"));
    assertEquals(Failure.Kind.NOT_APPLIED, f.kind());
    assertTrue(f.retryable());
  }

  @Test
  void leaderRefusalsAndConnectFailuresAreDefinite() {
    assertEquals(Failure.Kind.NOT_APPLIED, classify(new NotLeaderException(N1, null, List.of())).kind());
    assertEquals(Failure.Kind.NOT_APPLIED, classify(new LeaderNotReadyException(N1)).kind());
    assertEquals(Failure.Kind.NOT_APPLIED, classify(new ConnectException("Connection refused")).kind());
    IOException grpcRefused = new IOException(Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new ConnectException("Connection refused: /127.0.0.1:7702")).asRuntimeException());
    Failure f = classify(new CompletionException(grpcRefused));
    assertEquals(Failure.Kind.NOT_APPLIED, f.kind());
    assertEquals("connection refused", f.reason());
    assertEquals(Failure.Kind.NOT_APPLIED, classify(new DiscoveryFailedException("nobody", List.of())).kind());
  }

  @Test
  void anythingThatMayHaveReachedALeaderIsAmbiguous() {
    assertEquals(Failure.Kind.MAYBE_APPLIED, classify(new TimeoutIOException("request timeout")).kind());
    assertEquals(Failure.Kind.MAYBE_APPLIED,
        classify(new IOException(Status.UNAVAILABLE.withDescription("Network closed for unknown reason")
            .asRuntimeException())).kind());
    assertEquals(Failure.Kind.MAYBE_APPLIED,
        classify(new IOException(Status.DEADLINE_EXCEEDED.asRuntimeException())).kind());
    assertEquals(Failure.Kind.MAYBE_APPLIED, classify(new IOException("Connection reset by peer")).kind());
    assertTrue(classify(new TimeoutIOException("t")).retryable());
  }

  @Test
  void aRequestFailedBecauseItsStreamFailedIsAmbiguousWhateverTheCause() {
    // Ratis fails every later request of the stream with the first one's cause: they may have been sent.
    AlreadyClosedException e = new AlreadyClosedException("client->RAFT is closed.",
        new NotLeaderException(N1, null, List.of()));
    assertEquals(Failure.Kind.MAYBE_APPLIED, classify(e).kind());
  }

  @Test
  void aRequestHandedToAnAlreadyDeadConnectionWasNotSent() {
    assertEquals(Failure.Kind.NOT_APPLIED,
        classify(new AlreadyClosedException("client-5F9263282138->n2 is closed.")).kind());
    assertEquals(Failure.Kind.NOT_APPLIED,
        classify(new AlreadyClosedException("client-5F9263282138->n2: the stream is closed.")).kind());
    assertEquals(Failure.Kind.MAYBE_APPLIED, classify(new AlreadyClosedException(
        "client-5F9263282138->n2: Stream onError: no reply for async request cid=12")).kind());
  }

  @Test
  void unwrapsCompletionAndAttemptWrappers() {
    Failure inner = Failure.notApplied("x");
    Throwable t = new CompletionException(new AttemptException(inner, new TimeoutIOException("t")));
    assertEquals(Failure.Kind.MAYBE_APPLIED, classify(t).kind());
  }

  @Test
  void closedClientAndUnexpectedErrorsAreNotRetried() {
    assertEquals(Failure.Kind.CLOSED, classify(new ClientClosedException()).kind());
    Failure bug = classify(new NullPointerException("bug"));
    assertEquals(ErrorCode.INTERNAL, bug.code());
    assertFalse(bug.retryable());
    Failure sm = classify(new StateMachineException("apply failed"));
    assertEquals(ErrorCode.INTERNAL, sm.code());
    assertFalse(sm.retryable());
  }
}
