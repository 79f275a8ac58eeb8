package dev.pop.client;

import dev.pop.client.saga.SagaDefinition;
import dev.pop.client.saga.SagaState;

import java.util.List;

/**
 * Sagas on top of log streams, locks and leases. A runner drives a saga while it holds the saga's lock
 * ({@code saga/<id>}) under a lease it keeps alive, and records every transition in the saga's stream
 * ({@code saga/<id>}) with the expected seq and the lock's fence, so two runners can never both drive one saga:
 * the one that lost the lock fails its next append with CONFLICT and stops. When a runner dies its lease ends and
 * {@link #run} on another runner resumes the saga from its stream: forward if no step failed (a step that started
 * but was not recorded done runs again, with the same idempotency key), otherwise compensating the started steps in
 * reverse order. Actions and compensations must be idempotent per {@link dev.pop.client.saga.StepContext#idempotencyKey}.
 */
public interface Sagas {
  /**
   * Starts saga {@code sagaId} with {@code input}, or resumes it if it exists (then {@code input} is ignored), and
   * drives it to its end: COMPLETED or ABORTED (fully compensated). Waits up to {@code lockWait} for the saga's lock
   * (another runner may hold it, or a dead one's lease must first end).
   *
   * @throws dev.pop.client.saga.SagaException if this runner lost the saga or a compensation kept failing
   * @throws LockNotAcquiredException if the lock was not free within {@code lockWait}
   */
  SagaState run(SagaDefinition definition, String sagaId, byte[] input, java.time.Duration lockWait);

  /** The saga as its stream tells it; NOT_FOUND if it never started. */
  SagaState state(String sagaId);

  /** Every saga's state, by id (up to 1,000). */
  List<SagaState> list();
}
