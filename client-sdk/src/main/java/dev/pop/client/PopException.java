package dev.pop.client;

import java.util.Objects;

/**
 * Base of every error the SDK reports. Unchecked; {@link #code()} tells which of POP's error codes applies, and
 * each code except {@link ErrorCode#INTERNAL} has its own subclass, so callers may catch either way.
 *
 * <p>The message is one line: it names the operation and the cause and, where it helps, what to try.
 */
public class PopException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public PopException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public PopException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The error code of SPEC section 4. */
  public ErrorCode code() {
    return code;
  }
}
