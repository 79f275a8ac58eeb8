package dev.pop.client.saga;

/**
 * A step's action or compensation. It may run more than once for one idempotency key (a runner that died after
 * running it but before recording it is followed by one that runs it again), so it must be idempotent per key.
 * Throwing fails the step (an action) or is retried (a compensation).
 */
@FunctionalInterface
public interface StepAction {
  void run(StepContext context) throws Exception;
}
