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

  public static Response response(Error error) {
    return Response.newBuilder().setError(error).build();
  }
}
