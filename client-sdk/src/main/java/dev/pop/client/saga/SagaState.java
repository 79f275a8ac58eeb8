package dev.pop.client.saga;

import java.util.List;

/**
 * A saga as its stream tells it.
 *
 * @param status RUNNING (steps go forward), COMPENSATING, COMPLETED or ABORTED (fully compensated)
 * @param definition the definition's name recorded when it started
 * @param done how many steps completed, in order
 * @param started the steps whose action started (completed or not), for compensation
 * @param compensated the steps whose compensation completed
 * @param lastSeq the stream's last seq: the next transition must get {@code lastSeq + 1}
 * @param transitions every record, oldest first, as text
 */
public record SagaState(String sagaId, Status status, String definition, byte[] input, int done, List<Integer> started,
    List<Integer> compensated, long lastSeq, List<String> transitions) {
  /** Where a saga stands. */
  public enum Status {
    NEW,
    RUNNING,
    COMPENSATING,
    COMPLETED,
    ABORTED;

    public boolean finished() {
      return this == COMPLETED || this == ABORTED;
    }
  }

  public SagaState {
    input = input == null ? new byte[0] : input.clone();
    started = List.copyOf(started);
    compensated = List.copyOf(compensated);
    transitions = List.copyOf(transitions);
  }

  @Override
  public byte[] input() {
    return input.clone();
  }
}
