package dev.pop.client;

/** No quorum or no leader was reachable before the deadline (code {@link ErrorCode#UNAVAILABLE}). The request was <b>not</b> applied, so it is safe to retry. The message lists the members tried; a majority of the members must be reachable for writes and linearizable reads. */
public class UnavailableException extends PopException {
  private static final long serialVersionUID = 1L;

  public UnavailableException(String message) {
    super(ErrorCode.UNAVAILABLE, message);
  }

  public UnavailableException(String message, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message, cause);
  }
}
