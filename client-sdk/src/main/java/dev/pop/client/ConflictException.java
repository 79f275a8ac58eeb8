package dev.pop.client;

/** A compare failed, a fence is stale, an expected sequence did not match, or a counter bound was hit (code {@link ErrorCode#CONFLICT}). Nothing was applied. */
public class ConflictException extends PopException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(ErrorCode.CONFLICT, message);
  }

  public ConflictException(String message, Throwable cause) {
    super(ErrorCode.CONFLICT, message, cause);
  }
}
