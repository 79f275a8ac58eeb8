package dev.pop.server.ratis;

import dev.pop.proto.Error;
import dev.pop.proto.ErrorCode;

/**
 * A request refused before it reached the log (or a read refused before it ran). Ratis carries the message
 * to the client inside a {@code StateMachineException}; the {@code [POP:CODE]} marker lets the SDK recover the
 * code (see {@code RejectedRequest} in pop.proto). Never thrown out of {@code applyTransaction}.
 */
public final class PopRejection extends Exception {
  private final ErrorCode code;

  public PopRejection(ErrorCode code, String message) {
    super("[POP:" + code.name() + "] " + message, null, false, false);
    this.code = code;
  }

  public static PopRejection of(Error error) {
    return new PopRejection(error.getCode(), error.getMessage());
  }

  public ErrorCode code() {
    return code;
  }
}
