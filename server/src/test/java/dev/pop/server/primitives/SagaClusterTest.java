package dev.pop.server.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.ErrorCode;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.NotFoundException;
import dev.pop.client.PopClient;
import dev.pop.client.saga.SagaDefinition;
import dev.pop.client.saga.SagaException;
import dev.pop.client.saga.SagaState;
import dev.pop.client.saga.StepContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sagas on a real cluster: completion, resume after a dead runner, compensation, two runners racing. */
@ExtendWith(SharedCluster.class)
class SagaClusterTest {
  private final PopClient pop = SharedCluster.client();

  /** The effects of steps, deduplicated by idempotency key as a real system would; and every invocation. */
  static final class Effects {
    final Map<String, Integer> applied = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();

    void apply(StepContext c) {
      calls.add(c.idempotencyKey());
      applied.merge(c.idempotencyKey(), 1, Integer::sum);
    }
  }

  /** A step failure that is not an Exception: the runner does not record it, as if the process died there. */
  static final class Crash extends Error {
    Crash() {
      super("runner killed");
    }
  }

  private static SagaDefinition threeSteps(Effects fx, int crashAtStep, AtomicInteger crashes) {
    SagaDefinition d = SagaDefinition.named("upload");
    for (String name : List.of("store", "thumbnail", "publish")) {
      int index = d.steps().size();
      d = d.step(name, c -> {
        if (index == crashAtStep && crashes.getAndDecrement() > 0) {
          throw new Crash();
        }
        fx.apply(c);
      }, fx::apply);
    }
    return d;
  }

  @Test
  void aSagaRunsEveryStepOnceAndCompletes() {
    Effects fx = new Effects();
    SagaState s = pop.sagas().run(threeSteps(fx, -1, new AtomicInteger()), "sc-happy", bytes("img-1"),
        Duration.ofSeconds(5));
    assertEquals(SagaState.Status.COMPLETED, s.status());
    assertEquals(List.of("sc-happy/0/action", "sc-happy/1/action", "sc-happy/2/action"), fx.calls);
    assertEquals(SagaState.Status.COMPLETED, pop.sagas().state("sc-happy").status());
    assertEquals("img-1", new String(s.input(), StandardCharsets.UTF_8));
  }

  @Test
  void aSecondRunnerFinishesTheSagaOfARunnerThatDiedAfterStepTwo() throws Exception {
    Effects fx = new Effects();
    AtomicInteger crashes = new AtomicInteger(1);
    try (PopClient first = SharedCluster.newClient()) {
      // the runner dies while running step 3 (index 2): steps 1 and 2 are recorded done
      assertThrows(Crash.class, () -> first.sagas().run(threeSteps(fx, 2, crashes), "sc-resume", bytes("x"),
          Duration.ofSeconds(5)));
    } // its client closes without releasing anything: its lease must run out
    assertEquals(SagaState.Status.RUNNING, pop.sagas().state("sc-resume").status());
    assertEquals(2, pop.sagas().state("sc-resume").done());
    try (PopClient second = SharedCluster.newClient()) {
      SagaState s = second.sagas().run(threeSteps(fx, 2, crashes), "sc-resume", null, Duration.ofSeconds(20));
      assertEquals(SagaState.Status.COMPLETED, s.status());
    }
    for (String key : List.of("sc-resume/0/action", "sc-resume/1/action", "sc-resume/2/action")) {
      assertEquals(1, fx.applied.get(key), key + " applied exactly once: " + fx.calls);
    }
  }

  @Test
  void aFailedStepCompensatesTheStartedStepsInReverse() {
    Effects fx = new Effects();
    SagaDefinition d = SagaDefinition.named("upload")
        .step("store", fx::apply, fx::apply)
        .step("thumbnail", fx::apply, fx::apply)
        .step("publish", c -> {
          throw new IllegalStateException("publisher down");
        }, fx::apply);
    SagaState s = pop.sagas().run(d, "sc-fail", bytes("x"), Duration.ofSeconds(5));
    assertEquals(SagaState.Status.ABORTED, s.status());
    assertEquals(List.of("sc-fail/0/action", "sc-fail/1/action", "sc-fail/2/compensate", "sc-fail/1/compensate",
        "sc-fail/0/compensate"), fx.calls);
    assertTrue(s.transitions().stream().anyMatch(t -> t.contains("STEP_FAILED 2 publisher down")), s.transitions()::toString);
  }

  @Test
  void aFailingCompensationIsRetriedAndAStuckOneIsLeftForTheNextRunner() {
    Effects fx = new Effects();
    AtomicInteger flaky = new AtomicInteger(2); // fails twice, then works
    SagaDefinition retried = SagaDefinition.named("upload")
        .step("store", fx::apply, c -> {
          if (flaky.getAndDecrement() > 0) {
            throw new IllegalStateException("storage busy");
          }
          fx.apply(c);
        })
        .step("publish", c -> {
          throw new IllegalStateException("no");
        }, fx::apply);
    assertEquals(SagaState.Status.ABORTED, pop.sagas().run(retried, "sc-retry", bytes("x"), Duration.ofSeconds(5))
        .status());
    assertEquals(1, fx.applied.get("sc-retry/0/compensate"));

    AtomicInteger broken = new AtomicInteger(100);
    SagaDefinition stuck = SagaDefinition.named("upload")
        .step("store", fx::apply, c -> {
          if (broken.get() > 0) {
            throw new IllegalStateException("storage gone");
          }
          fx.apply(c);
        })
        .step("publish", c -> {
          throw new IllegalStateException("no");
        }, fx::apply);
    SagaException e = assertThrows(SagaException.class,
        () -> pop.sagas().run(stuck, "sc-stuck", bytes("x"), Duration.ofSeconds(5)));
    assertEquals(ErrorCode.UNAVAILABLE, e.code());
    assertEquals(SagaState.Status.COMPENSATING, pop.sagas().state("sc-stuck").status());
    broken.set(0); // storage is back: the next run finishes the compensation
    assertEquals(SagaState.Status.ABORTED, pop.sagas().run(stuck, "sc-stuck", null, Duration.ofSeconds(5)).status());
    assertEquals(1, fx.applied.get("sc-stuck/0/compensate"));
  }

  @Test
  void twoRunnersNeverBothDriveOneSaga() throws Exception {
    Effects fx = new Effects();
    SagaDefinition slow = SagaDefinition.named("upload")
        .step("a", c -> {
          fx.apply(c);
          Thread.sleep(300);
        }, fx::apply)
        .step("b", fx::apply, fx::apply);
    try (PopClient other = SharedCluster.newClient()) {
      var one = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> pop.sagas().run(slow, "sc-race", bytes("x"), Duration.ofSeconds(10)));
      var two = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> other.sagas().run(slow, "sc-race", bytes("x"), Duration.ofSeconds(10)));
      assertEquals(SagaState.Status.COMPLETED, one.get().status());
      assertEquals(SagaState.Status.COMPLETED, two.get().status());
    }
    assertEquals(Map.of("sc-race/0/action", 1, "sc-race/1/action", 1), fx.applied, fx.calls::toString);
  }

  @Test
  void badInput() {
    assertThrows(NotFoundException.class, () -> pop.sagas().state("sc-never"));
    assertThrows(InvalidArgumentException.class, () -> pop.sagas().state(""));
    assertThrows(InvalidArgumentException.class, () -> SagaDefinition.named(""));
    assertThrows(InvalidArgumentException.class, () -> SagaDefinition.named("x").step("s", null, c -> { }));
    Effects fx = new Effects();
    pop.sagas().run(threeSteps(fx, -1, new AtomicInteger()), "sc-def", bytes("x"), Duration.ofSeconds(5));
    InvalidArgumentException other = assertThrows(InvalidArgumentException.class, () -> pop.sagas().run(
        SagaDefinition.named("other").step("s", c -> { }, c -> { }), "sc-def", null, Duration.ofSeconds(5)));
    assertTrue(other.getMessage().contains("was started with definition 'upload'"), other.getMessage());
    assertTrue(pop.sagas().list().stream().anyMatch(s -> s.sagaId().equals("sc-def")));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
