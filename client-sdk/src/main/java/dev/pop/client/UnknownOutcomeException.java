package dev.pop.client;

/** The deadline passed after a write had been sent (code {@link ErrorCode#UNKNOWN_OUTCOME}): it may or may not have been applied, now or later. Read the state back before deciding whether to retry; retrying blindly may apply it twice. */
public class UnknownOutcomeException extends PopException {
  private static final long serialVersionUID = 1L;

  public UnknownOutcomeException(String message) {
    super(ErrorCode.UNKNOWN_OUTCOME, message);
  }

  public UnknownOutcomeException(String message, Throwable cause) {
    super(ErrorCode.UNKNOWN_OUTCOME, message, cause);
  }
}
