package dev.pop.client;

/** Malformed or over-limit input (code {@link ErrorCode#INVALID_ARGUMENT}); nothing was applied. */
public class InvalidArgumentException extends PopException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(ErrorCode.INVALID_ARGUMENT, message);
  }

  public InvalidArgumentException(String message, Throwable cause) {
    super(ErrorCode.INVALID_ARGUMENT, message, cause);
  }
}
