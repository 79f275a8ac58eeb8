package dev.pop.cli;

import dev.pop.client.ErrorCode;

/**
 * A failure the CLI decides itself (for example {@code get} of a missing key, which the SDK
 * answers with an empty result). Reported like the SDK's errors, with the same exit codes.
 */
public final class CommandFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public CommandFailure(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
