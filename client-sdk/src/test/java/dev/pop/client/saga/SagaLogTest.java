package dev.pop.client.saga;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replaying a saga's records decides where a new runner goes on. */
class SagaLogTest {
  private static SagaState replay(byte[]... records) {
    List<String> text = new ArrayList<>();
    for (byte[] r : records) {
      text.add(new String(r, StandardCharsets.UTF_8));
    }
    return SagaLog.replay("s1", text, text.size());
  }

  @Test
  void aStartedStepWithoutDoneRunsAgainForward() {
    SagaState s = replay(SagaLog.started("upload", "in".getBytes()), SagaLog.step(SagaLog.Kind.STEP_STARTED, 0, "a"),
        SagaLog.step(SagaLog.Kind.STEP_DONE, 0, null), SagaLog.step(SagaLog.Kind.STEP_STARTED, 1, "b"));
    assertEquals(SagaState.Status.RUNNING, s.status());
    assertEquals(1, s.done());
    assertEquals(List.of(0, 1), s.started());
    assertArrayEquals("in".getBytes(), s.input());
    assertEquals("upload", s.definition());
    assertEquals(4, s.lastSeq());
  }

  @Test
  void aFailureTurnsToCompensationAndRemembersWhatIsUndone() {
    SagaState s = replay(SagaLog.started("upload", new byte[0]), SagaLog.step(SagaLog.Kind.STEP_STARTED, 0, "a"),
        SagaLog.step(SagaLog.Kind.STEP_DONE, 0, null), SagaLog.step(SagaLog.Kind.STEP_STARTED, 1, "b"),
        SagaLog.step(SagaLog.Kind.STEP_FAILED, 1, "boom\nline two"), SagaLog.step(SagaLog.Kind.COMPENSATION_STARTED, 1, null),
        SagaLog.step(SagaLog.Kind.COMPENSATED, 1, null));
    assertEquals(SagaState.Status.COMPENSATING, s.status());
    assertEquals(List.of(1), s.compensated());
    assertEquals("v1 STEP_FAILED 1 boom line two", s.transitions().get(4));
    assertEquals(SagaState.Status.ABORTED, replay(SagaLog.started("u", new byte[0]), SagaLog.end(SagaLog.Kind.ABORTED))
        .status());
    assertEquals(SagaState.Status.NEW, replay().status());
  }

  @Test
  void unreadableRecordsAreNotGuessedAt() {
    assertThrows(IllegalStateException.class, () -> SagaLog.replay("s1", List.of("v9 SOMETHING"), 1));
    assertThrows(dev.pop.client.InvalidArgumentException.class, () -> SagaLog.stream(""));
  }
}
