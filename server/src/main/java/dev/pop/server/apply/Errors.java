package dev.pop.server.apply;

import dev.pop.proto.Error;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.Response;

/** Builds the {@link Error}s that applier and validator return (SPEC section 4: one line, field and cause). */
public final class Errors {
  private Errors() {}

  public static Error of(ErrorCode code, String message) {
    return Error.newBuilder().setCode(code).setMessage(message).build();
  }

  public static Error invalidArgument(String message) {
    return of(ErrorCode.INVALID_ARGUMENT, message);
  }

  public static Error compacted(long revision, long compactRevision) {
    return Error.newBuilder()
        .setCode(ErrorCode.COMPACTED)
        .setMessage("required revision " + revision + " has been compacted, compact revision is " + compactRevision)
        .setCompactRevision(compactRevision)
        .build();
  }

  public static Error futureRevision(long revision, long current) {
    return invalidArgument("required revision " + revision + " is a future revision, current is " + current);
  }

  /** A key or value for a message: quoted UTF-8 text, cut after 64 characters, or hex if it is not printable text. */
  public static String show(com.google.protobuf.ByteString bytes) {
    boolean text = bytes.isValidUtf8();
    String s = text ? bytes.toStringUtf8() : "";
    for (int i = 0; text && i < s.length(); i++) {
      text = !Character.isISOControl(s.charAt(i));
    }
    if (!text) {
      String hex = java.util.HexFormat.of().formatHex(bytes.substring(0, Math.min(32, bytes.size())).toByteArray());
      return "0x" + hex + (bytes.size() > 32 ? "..." : "");
    }
    return "\"" + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + "\"";
  }

  /**
   * The error of request {@code op} at {@code place} inside an enclosing request, for example
   * {@code txn: success[1].increment: key "n" is 3; ...}: the same code, the message prefixed with where it happened.
   */
  public static Error nested(Error error, String place, String op) {
    String message = error.getMessage().startsWith(op + ":") ? error.getMessage() : op + ": " + error.getMessage();
    return error.toBuilder().setMessage(place + "." + message).build();
  }

  /** The snake_case name of a request's operation ({@code DELETE_RANGE} → {@code delete_range}). */
  public static String opName(dev.pop.proto.Request request) {
    return request.getOpCase().name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Response response(Error error) {
    return Response.newBuilder().setError(error).build();
  }
}
