package dev.pop.examples;

import dev.pop.client.PopClient;
import dev.pop.client.saga.SagaDefinition;
import dev.pop.client.saga.SagaState;
import dev.pop.client.saga.StepContext;
import dev.pop.client.txn.Cmp;
import dev.pop.client.txn.Op;

import java.time.Duration;
import java.util.List;

/**
 * A saga coordinator as its own process: {@code SagaCoordinator ENDPOINTS SAGA_ID [SLOW_STEP]} drives the
 * three-step publishing saga; each step records its effect in the store as {@code effects/<idempotency key>},
 * created only if absent, so a step run twice for one key shows as one effect. With {@code SLOW_STEP}, that step
 * sleeps a minute first: the moment to kill the process with SIGKILL.
 */
public final class SagaCoordinator {
  private SagaCoordinator() {}

  /** The saga; {@code slowStep} (or -1) sleeps {@code pause} before its effect. */
  public static SagaDefinition definition(PopClient pop, int slowStep, Duration pause) {
    SagaDefinition d = SagaDefinition.named("publish-image");
    for (String name : List.of("store", "thumbnail", "publish")) {
      int index = d.steps().size();
      d = d.step(name, c -> {
        if (index == slowStep) {
          Thread.sleep(pause.toMillis());
        }
        effect(pop, c);
      }, c -> pop.kv().delete("effects/" + c.sagaId() + "/" + c.step() + "/action"));
    }
    return d;
  }

  /** Records the step's effect once: a txn that creates the key only if it does not exist. */
  static void effect(PopClient pop, StepContext c) {
    String key = "effects/" + c.idempotencyKey();
    pop.txn().when(Cmp.absent(key)).then(Op.put(key, "done")).commit();
  }

  public static void main(String[] args) {
    String endpoints = args[0];
    String sagaId = args[1];
    int slow = args.length > 2 ? Integer.parseInt(args[2]) : -1;
    try (PopClient pop = PopClient.builder().endpoints(List.of(endpoints.split(","))).build()) {
      SagaState s = pop.sagas().run(definition(pop, slow, Duration.ofMinutes(1)), sagaId, new byte[0],
          Duration.ofSeconds(30));
      System.out.println("saga " + sagaId + ": " + s.status());
    }
  }
}
