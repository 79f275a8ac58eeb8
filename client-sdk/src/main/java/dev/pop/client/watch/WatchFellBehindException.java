package dev.pop.client.watch;

import dev.pop.client.ErrorCode;
import dev.pop.client.PopException;

/** A watch whose listener fell too far behind was cancelled; start a new watch from {@link #resumeFrom()}. */
public class WatchFellBehindException extends PopException {
  private static final long serialVersionUID = 1L;

  private final transient WatchPosition resumeFrom;

  public WatchFellBehindException(String message, WatchPosition resumeFrom) {
    super(ErrorCode.UNAVAILABLE, message);
    this.resumeFrom = resumeFrom;
  }

  /** The position after the last event handed to the listener. */
  public WatchPosition resumeFrom() {
    return resumeFrom;
  }
}
