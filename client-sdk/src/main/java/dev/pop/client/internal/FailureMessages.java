package dev.pop.client.internal;

import dev.pop.client.ErrorCode;
import java.time.Duration;
import java.util.List;

/** The one-line messages of batches that end without a reply (SPEC section 4: operation, cause, what to try). */
public final class FailureMessages {
  private FailureMessages() {
  }

  /**
   * @param code the verdict ({@link AttemptHistory#verdict})
   * @param member for serializable reads: the member asked for, or null
   */
  public static String of(String op, ErrorCode code, RequestKind kind, String member, AttemptHistory history,
      Duration timeout, int clusterSize) {
    Failure last = history.last();
    String cause = last == null ? "" : "; last error: " + last.reason();
    List<String> tried = history.tried();
    String triedText = tried.isEmpty() ? "no member could be contacted" : "tried " + String.join(", ", tried);
    if (last != null && last.kind() == Failure.Kind.CLOSED) {
      return code == ErrorCode.UNKNOWN_OUTCOME
          ? op + ": the client was closed after the write was sent; it may or may not have been applied"
          : op + ": the client is closed";
    }
    switch (code) {
      case UNKNOWN_OUTCOME:
        if (last != null && last.kind() == Failure.Kind.REFUSED) {
          return op + ": outcome unknown: an earlier attempt may have been applied before a retry was refused ("
              + last.reason() + "); read the state back before retrying";
        }
        return op + ": outcome unknown: the deadline of " + human(timeout) + " passed after the write was sent ("
            + triedText + cause + "); it may or may not have been applied";
      case UNAVAILABLE:
        if (kind == RequestKind.SERIALIZABLE_READ) {
          String who = member == null ? "no member answered" : "member " + member + " did not answer";
          return op + ": unavailable: " + who + " within " + human(timeout) + " (" + triedText + cause
              + "); serializable reads need only the member asked";
        }
        String majority = clusterSize > 0
            ? "a majority of " + clusterSize + " member" + (clusterSize == 1 ? "" : "s")
            : "a majority of the members (none of the endpoints answered yet)";
        return op + ": no quorum: " + triedText + "; " + majority + " must be reachable"
            + (last == null ? "" : " (last error: " + last.reason() + ")");
      default:
        return PopErrors.withOp(op, last == null ? code.name().toLowerCase() : last.reason());
    }
  }

  /** A call that waited in its lane's queue past its deadline: it was never sent. */
  public static String notSent(String op, Duration timeout, int maxInFlight) {
    return op + ": not sent within the deadline of " + human(timeout) + ": all " + maxInFlight
        + " batch slots stayed busy (slow or unreachable cluster); nothing was applied";
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }
}
