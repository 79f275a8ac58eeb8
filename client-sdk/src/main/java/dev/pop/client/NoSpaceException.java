package dev.pop.client;

/** The store quota is reached (code {@link ErrorCode#NO_SPACE}); deletes and compaction are still accepted. Nothing was applied. */
public class NoSpaceException extends PopException {
  private static final long serialVersionUID = 1L;

  public NoSpaceException(String message) {
    super(ErrorCode.NO_SPACE, message);
  }

  public NoSpaceException(String message, Throwable cause) {
    super(ErrorCode.NO_SPACE, message, cause);
  }
}
