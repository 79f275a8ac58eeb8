package dev.pop.client.internal;

import dev.pop.client.ErrorCode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code [POP:<CODE>] <one-line message>} marker the server puts in the message of a Ratis
 * {@code StateMachineException} when it refuses a request before the log (pop.proto, last comment).
 *
 * @param code the error code (INTERNAL if the server named a code this SDK does not know)
 * @param message the one-line message after the marker
 */
public record ErrorMarker(ErrorCode code, String message) {
  private static final Pattern MARKER = Pattern.compile("\\[POP:([A-Za-z_]+)]\\s*([^\\r\\n]*)");

  /** Finds the marker in a message; empty if there is none. */
  public static Optional<ErrorMarker> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = MARKER.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    ErrorCode code;
    try {
      code = ErrorCode.valueOf(m.group(1));
    } catch (IllegalArgumentException e) {
      code = ErrorCode.INTERNAL;
    }
    return Optional.of(new ErrorMarker(code, m.group(2).trim()));
  }

  /** Finds the marker in the message of {@code t} or of any of its causes. */
  public static Optional<ErrorMarker> find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      Optional<ErrorMarker> m = parse(c.getMessage());
      if (m.isPresent()) {
        return m;
      }
    }
    return Optional.empty();
  }
}
