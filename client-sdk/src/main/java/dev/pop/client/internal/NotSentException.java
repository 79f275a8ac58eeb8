package dev.pop.client.internal;

import java.io.IOException;

/** An attempt that failed before anything was sent (e.g. no member could be discovered): definitely not applied. */
public class NotSentException extends IOException {
  private static final long serialVersionUID = 1L;

  public NotSentException(String message) {
    super(message);
  }
}
