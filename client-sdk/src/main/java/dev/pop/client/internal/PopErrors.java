package dev.pop.client.internal;

import dev.pop.client.CompactedException;
import dev.pop.client.ConflictException;
import dev.pop.client.ErrorCode;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.NoSpaceException;
import dev.pop.client.NotFoundException;
import dev.pop.client.PopException;
import dev.pop.client.UnauthorizedException;
import dev.pop.client.UnavailableException;
import dev.pop.client.UnknownOutcomeException;

/** Builds the typed {@link PopException} for a code, and maps the wire's error codes. */
public final class PopErrors {
  private PopErrors() {
  }

  /** The subclass of {@link PopException} for {@code code}. */
  public static PopException of(ErrorCode code, String message, long compactRevision) {
    return switch (code) {
      case INVALID_ARGUMENT -> new InvalidArgumentException(message);
      case NOT_FOUND -> new NotFoundException(message);
      case UNAVAILABLE -> new UnavailableException(message);
      case UNKNOWN_OUTCOME -> new UnknownOutcomeException(message);
      case CONFLICT -> new ConflictException(message);
      case NO_SPACE -> new NoSpaceException(message);
      case UNAUTHORIZED -> new UnauthorizedException(message);
      case COMPACTED -> new CompactedException(message, compactRevision);
      case INTERNAL -> new PopException(ErrorCode.INTERNAL, message);
    };
  }

  public static PopException of(ErrorCode code, String message) {
    return of(code, message, 0);
  }

  /** The exception for a per-request error of a reply, for the call named {@code op}. */
  public static PopException fromProto(String op, dev.pop.proto.Error error) {
    return of(fromProto(error.getCode()), withOp(op, error.getMessage()), error.getCompactRevision());
  }

  public static ErrorCode fromProto(dev.pop.proto.ErrorCode code) {
    return switch (code) {
      case INVALID_ARGUMENT -> ErrorCode.INVALID_ARGUMENT;
      case NOT_FOUND -> ErrorCode.NOT_FOUND;
      case UNAVAILABLE -> ErrorCode.UNAVAILABLE;
      case UNKNOWN_OUTCOME -> ErrorCode.UNKNOWN_OUTCOME;
      case CONFLICT -> ErrorCode.CONFLICT;
      case NO_SPACE -> ErrorCode.NO_SPACE;
      case UNAUTHORIZED -> ErrorCode.UNAUTHORIZED;
      case COMPACTED -> ErrorCode.COMPACTED;
      default -> ErrorCode.INTERNAL;
    };
  }

  /** Prefixes a message with the operation unless it already starts with it. */
  public static String withOp(String op, String message) {
    String m = message == null || message.isBlank() ? "failed" : oneLine(message);
    return m.startsWith(op + ":") ? m : op + ": " + m;
  }

  static String oneLine(String s) {
    int nl = s.indexOf('\n');
    return (nl >= 0 ? s.substring(0, nl) : s).trim();
  }
}
