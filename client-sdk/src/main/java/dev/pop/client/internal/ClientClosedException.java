package dev.pop.client.internal;

import java.io.IOException;

/** The {@code PopClient} was closed while the call was pending. */
public final class ClientClosedException extends IOException {
  private static final long serialVersionUID = 1L;

  public ClientClosedException() {
    super("the client is closed");
  }
}
