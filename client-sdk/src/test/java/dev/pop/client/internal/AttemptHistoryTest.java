package dev.pop.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pop.client.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptHistoryTest {
  private static final Failure REFUSED_CONN = Failure.notApplied("connection refused");
  private static final Failure NOT_LEADER = Failure.notApplied("not the leader");
  private static final Failure TIMEOUT = Failure.maybeApplied("timed out");

  /** Runs attempts that were each sent to n1 and failed as given. */
  private static AttemptHistory sentAndFailed(Failure... failures) {
    AttemptHistory h = new AttemptHistory();
    for (Failure f : failures) {
      h.started();
      h.sending("n1 (127.0.0.1:7701)");
      h.failed(f);
    }
    return h;
  }

  @Test
  void onlyDefiniteFailuresMeanUnavailableForAWrite() {
    assertEquals(ErrorCode.UNAVAILABLE, sentAndFailed(REFUSED_CONN, NOT_LEADER, REFUSED_CONN).verdict(true));
  }

  @Test
  void oneAmbiguousAttemptAnywhereMakesAWriteUnknown() {
    assertEquals(ErrorCode.UNKNOWN_OUTCOME, sentAndFailed(TIMEOUT, REFUSED_CONN, NOT_LEADER).verdict(true));
    assertEquals(ErrorCode.UNKNOWN_OUTCOME, sentAndFailed(REFUSED_CONN, NOT_LEADER, TIMEOUT).verdict(true));
  }

  @Test
  void anAttemptStillOnTheWireMakesAWriteUnknown() {
    AttemptHistory h = sentAndFailed(REFUSED_CONN);
    h.started();
    h.sending("n2 (127.0.0.1:7702)");
    assertEquals(ErrorCode.UNKNOWN_OUTCOME, h.close(true));
  }

  @Test
  void anAttemptThatWasNeverSentIsDefinite() {
    AttemptHistory h = new AttemptHistory();
    h.started();
    h.failed(Failure.maybeApplied("odd, but it never left")); // not sent: cannot have been applied
    assertEquals(ErrorCode.UNAVAILABLE, h.verdict(true));
  }

  @Test
  void readsAreAlwaysUnavailable() {
    assertEquals(ErrorCode.UNAVAILABLE, sentAndFailed(TIMEOUT, TIMEOUT).verdict(false));
  }

  @Test
  void aRefusalIsReportedAsSuchUnlessAnEarlierAttemptMayHaveApplied() {
    assertEquals(ErrorCode.NO_SPACE,
        sentAndFailed(REFUSED_CONN, Failure.refused(ErrorCode.NO_SPACE, "quota")).verdict(true));
    assertEquals(ErrorCode.UNKNOWN_OUTCOME,
        sentAndFailed(TIMEOUT, Failure.refused(ErrorCode.NO_SPACE, "quota")).verdict(true));
    assertEquals(ErrorCode.INVALID_ARGUMENT,
        sentAndFailed(TIMEOUT, Failure.refused(ErrorCode.INVALID_ARGUMENT, "too big")).verdict(true),
        "validation is deterministic: the earlier attempt was refused too");
    assertEquals(ErrorCode.NO_SPACE,
        sentAndFailed(TIMEOUT, Failure.refused(ErrorCode.NO_SPACE, "quota")).verdict(false));
  }

  @Test
  void closedHistorySendsNothingMoreAndListsWhatWasTried() {
    AttemptHistory h = sentAndFailed(REFUSED_CONN);
    h.started();
    h.sending("n2 (127.0.0.1:7702)");
    h.failed(REFUSED_CONN);
    h.close(true);
    h.started();
    assertFalse(h.sending("n3 (127.0.0.1:7703)"));
    assertEquals(List.of("n1 (127.0.0.1:7701)", "n2 (127.0.0.1:7702)"), h.tried());
    assertEquals(ErrorCode.UNAVAILABLE, h.verdict(true));
  }

  @Test
  void anEndpointNamedByAMemberLabelIsListedOnce() {
    AttemptHistory h = new AttemptHistory();
    h.noteTried("127.0.0.1:7701");
    h.noteTried("10.0.0.9:7709");
    h.noteTried("n1 (127.0.0.1:7701)");
    assertEquals(List.of("10.0.0.9:7709", "n1 (127.0.0.1:7701)"), h.tried());
  }
}
