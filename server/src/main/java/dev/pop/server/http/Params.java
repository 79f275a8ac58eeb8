package dev.pop.server.http;

import io.javalin.http.Context;

/** Query parameters, validated: a malformed one is refused with INVALID_ARGUMENT naming it. */
final class Params {
  private Params() {
  }

  /** A non-negative integer parameter, or {@code dflt} when absent or empty. */
  static long nonNegativeLong(Context ctx, String op, String name, long dflt) {
    final String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      final long n = Long.parseLong(v.strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.invalid(op + ": query parameter '" + name + "' must be a non-negative integer, got '" + v + "'");
  }

  /** {@code true}/{@code false} (also an empty value, meaning true: {@code ?serializable}); {@code dflt} when absent. */
  static boolean bool(Context ctx, String op, String name, boolean dflt) {
    final String v = ctx.queryParam(name);
    if (v == null) {
      return dflt;
    }
    return switch (v.strip().toLowerCase()) {
      case "", "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiException.invalid(op + ": query parameter '" + name + "' must be true or false, got '" + v + "'");
    };
  }
}
