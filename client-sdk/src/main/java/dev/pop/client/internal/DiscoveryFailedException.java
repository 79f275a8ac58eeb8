package dev.pop.client.internal;

import java.util.List;

/** No endpoint told us the membership: nothing was sent. */
public final class DiscoveryFailedException extends NotSentException {
  private static final long serialVersionUID = 1L;

  private final List<String> probed;

  public DiscoveryFailedException(String message, List<String> probed) {
    super(message);
    this.probed = List.copyOf(probed);
  }

  /** The addresses that were asked. */
  public List<String> probed() {
    return probed;
  }
}
