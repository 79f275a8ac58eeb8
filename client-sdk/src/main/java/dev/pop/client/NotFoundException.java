package dev.pop.client;

/** The key, lease, lock, stream or member does not exist (code {@link ErrorCode#NOT_FOUND}). */
public class NotFoundException extends PopException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(ErrorCode.NOT_FOUND, message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(ErrorCode.NOT_FOUND, message, cause);
  }
}
