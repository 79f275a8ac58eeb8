package dev.pop.client;

/** Missing or wrong admin token (code {@link ErrorCode#UNAUTHORIZED}). */
public class UnauthorizedException extends PopException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedException(String message) {
    super(ErrorCode.UNAUTHORIZED, message);
  }

  public UnauthorizedException(String message, Throwable cause) {
    super(ErrorCode.UNAUTHORIZED, message, cause);
  }
}
