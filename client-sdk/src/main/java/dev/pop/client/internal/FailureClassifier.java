package dev.pop.client.internal;

import dev.pop.client.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.ReadException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.protocol.exceptions.ResourceUnavailableException;
import org.apache.ratis.protocol.exceptions.ServerNotReadyException;
import org.apache.ratis.protocol.exceptions.StaleReadException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.apache.ratis.protocol.exceptions.TransferLeadershipException;
import org.apache.ratis.thirdparty.io.grpc.Status;
import org.apache.ratis.thirdparty.io.grpc.StatusRuntimeException;

/**
 * Decides what one failed attempt means: retry or not, and whether it may have been applied.
 *
 * <p>Definitely not applied: a {@code [POP:UNAVAILABLE]} refusal (e.g. a leader without its majority), Ratis'
 * not-leader / leader-not-ready / stepping-down / not-ready refusals, and failures to connect at all. Anything that
 * may have reached a leader (a timeout after the request was sent, a stream reset, an unknown I/O error, or a
 * request failed because another request on the same Ratis stream failed) is "maybe applied". Pure; no state.
 */
public final class FailureClassifier {
  private static final java.util.regex.Pattern CONNECTION_CLOSED =
      java.util.regex.Pattern.compile("\\S+->\\S+ is closed\\.");
  private FailureClassifier() {
  }

  public static Failure classify(Throwable error) {
    Throwable t = unwrap(error);
    if (t instanceof ClientClosedException) {
      return new Failure(Failure.Kind.CLOSED, ErrorCode.UNAVAILABLE, "the client is closed");
    }
    if (t instanceof NotSentException ns) {
      return Failure.notApplied(ns.getMessage());
    }
    if (t instanceof AlreadyClosedException) {
      return streamClosed(t);
    }
    Optional<ErrorMarker> marker = ErrorMarker.find(t);
    if (marker.isPresent()) {
      ErrorMarker m = marker.get();
      return switch (m.code()) {
        case UNAVAILABLE -> Failure.notApplied(m.message());
        case UNKNOWN_OUTCOME -> Failure.maybeApplied(m.message());
        default -> Failure.refused(m.code(), m.message());
      };
    }
    if (t instanceof RaftRetryFailureException && t.getCause() != null && t.getCause() != t) {
      return classify(t.getCause());
    }
    if (t instanceof NotLeaderException) {
      return Failure.notApplied("not the leader");
    }
    if (t instanceof LeaderNotReadyException) {
      return Failure.notApplied("the new leader is not ready yet");
    }
    if (t instanceof LeaderSteppingDownException || t instanceof TransferLeadershipException) {
      return Failure.notApplied("the leader is stepping down");
    }
    if (t instanceof ServerNotReadyException) {
      return Failure.notApplied("the member is starting");
    }
    if (t instanceof GroupMismatchException) {
      return Failure.notApplied("the member is not in the POP group");
    }
    if (t instanceof ResourceUnavailableException) {
      return Failure.notApplied("the member is overloaded");
    }
    if (t instanceof ReadIndexException || t instanceof ReadException || t instanceof StaleReadException) {
      return Failure.notApplied("the read could not be served: " + PopErrors.oneLine(String.valueOf(t.getMessage())));
    }
    if (t instanceof StateMachineException && t.getCause() instanceof StaleReadException) {
      // a member that has not learned any commit yet (fresh cluster, just restarted) answers no stale read,
      // which is also how writes reach the leader's front and linearizable reads its barrier: retry
      return Failure.notApplied("the member has not caught up yet: " + PopErrors.oneLine(String.valueOf(t.getMessage())));
    }
    if (t instanceof StateMachineException) {
      return Failure.refused(ErrorCode.INTERNAL, "server error: " + PopErrors.oneLine(String.valueOf(t.getMessage())));
    }
    if (causedByConnectFailure(t)) {
      return Failure.notApplied("connection refused");
    }
    if (t instanceof TimeoutIOException || t instanceof TimeoutException || t instanceof SocketTimeoutException) {
      return Failure.maybeApplied("timed out");
    }
    Status status = grpcStatus(t);
    if (status != null && status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return Failure.maybeApplied("timed out");
    }
    if (status != null && status.getCode() == Status.Code.UNAVAILABLE) {
      return Failure.maybeApplied("connection lost");
    }
    if (t instanceof IOException) {
      return Failure.maybeApplied("I/O error: " + PopErrors.oneLine(String.valueOf(t.getMessage())));
    }
    if (t instanceof IllegalArgumentException) {
      // Ratis refuses locally, before sending, e.g. a message over gRPC's size limit.
      return Failure.refused(ErrorCode.INVALID_ARGUMENT, PopErrors.oneLine(String.valueOf(t.getMessage())));
    }
    return Failure.refused(ErrorCode.INTERNAL, "client error: " + t);
  }

  /**
   * Ratis raises AlreadyClosedException in three situations. Without a cause and naming a connection
   * ("client-1->n2 is closed.", "client-1->n2: the stream is closed."), the gRPC stream to that member had already
   * failed when the request was handed to it: it was not sent. With a cause, the ordered stream failed the request
   * because an earlier one gave up; and "no reply for async request" means the stream ended while the request was
   * on the wire: both may have been sent.
   */
  private static Failure streamClosed(Throwable t) {
    String m = String.valueOf(t.getMessage());
    boolean notSent = t.getCause() == null
        && (CONNECTION_CLOSED.matcher(m).matches() || m.endsWith(": the stream is closed."));
    return notSent ? Failure.notApplied("the connection had closed") : Failure.maybeApplied("the request stream was reset");
  }

  /** Strips {@link CompletionException}, {@link ExecutionException} and {@link AttemptException} wrappers. */
  public static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException || c instanceof AttemptException)
        && c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  private static boolean causedByConnectFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ConnectException || c instanceof NoRouteToHostException
          || c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  private static Status grpcStatus(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof StatusRuntimeException sre) {
        return sre.getStatus();
      }
    }
    return null;
  }
}
