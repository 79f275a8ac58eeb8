package dev.pop.client.saga;

import dev.pop.client.ErrorCode;
import dev.pop.client.PopException;

/**
 * A runner stopped driving a saga: it lost the saga (its lease ended, or another runner wrote first: CONFLICT),
 * or a compensation kept failing (UNAVAILABLE: the saga stays COMPENSATING for a later runner to retry).
 */
public class SagaException extends PopException {
  private static final long serialVersionUID = 1L;

  public SagaException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
