package dev.pop.client.saga;

/**
 * What a step's action or compensation is told.
 *
 * @param sagaId the saga
 * @param step the step's index (0-based) and name
 * @param idempotencyKey stable across runners and retries: {@code <sagaId>/<step>/action} or
 *     {@code .../compensate}; pass it to the systems the step changes so that a re-run changes nothing twice
 * @param input the saga's input, as given when it was started
 */
public record StepContext(String sagaId, int step, String stepName, String idempotencyKey, byte[] input) {
  public StepContext {
    input = input.clone();
  }

  @Override
  public byte[] input() {
    return input.clone();
  }
}
