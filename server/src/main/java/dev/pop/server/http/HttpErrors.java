package dev.pop.server.http;

import dev.pop.client.ErrorCode;
import dev.pop.client.PopException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that turns a failure into an HTTP status and the error body {@code {"error": CODE, "message":
 * "..."}} of SPEC section 4. Expected errors log nothing; anything else is a 500 logged with its stack trace.
 */
final class HttpErrors {
  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);
  /** Request attribute holding the error code of the answer, for the request metrics. */
  static final String CODE_ATTRIBUTE = "pop.code";

  private HttpErrors() {
  }

  static void register(Javalin app, long maxRequestBytes) {
    app.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.code(), e.getMessage()));
    app.exception(PopException.class, (e, ctx) -> write(ctx, status(e), e.code(), e.getMessage()));
    app.exception(HttpResponseException.class, (e, ctx) -> {
      final int status = e.getStatus();
      final ErrorCode code = status == 401 ? ErrorCode.UNAUTHORIZED
          : status == 404 ? ErrorCode.NOT_FOUND
          : status == 503 ? ErrorCode.UNAVAILABLE
          : status < 500 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.INTERNAL;
      final String message = status == 413
          ? "request body too large: the limit is " + maxRequestBytes + " bytes (maxRequestBytes)"
          : status == 404 ? "no such endpoint: " + ctx.method() + " " + ctx.path() + "; see GET /openapi.json"
          : status == 405 ? "method " + ctx.method() + " not allowed on " + ctx.path() + "; see GET /openapi.json"
          : e.getMessage();
      write(ctx, status, code, message);
    });
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("HTTP {} {} failed", ctx.method(), ctx.path(), e);
      write(ctx, 500, ErrorCode.INTERNAL, "internal error: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())));
    });
    app.error(404, ctx -> {
      if (ctx.attribute(CODE_ATTRIBUTE) == null) { // Javalin's own "no such endpoint"
        write(ctx, 404, ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path()
            + "; see GET /openapi.json");
      }
    });
  }

  /** SPEC section 4: the HTTP status of an SDK error. */
  static int status(PopException e) {
    return switch (e.code()) {
      case INVALID_ARGUMENT -> isSizeLimit(e.getMessage()) ? 413 : 400;
      case NOT_FOUND -> 404;
      case UNAVAILABLE -> 503;
      case UNKNOWN_OUTCOME -> 504;
      case CONFLICT -> 409;
      case NO_SPACE -> 507;
      case UNAUTHORIZED -> 401;
      case COMPACTED -> 410;
      case INTERNAL -> 500;
    };
  }

  /** The server's size refusals read "... is N bytes, limit is M (maxValueBytes)". */
  private static boolean isSizeLimit(String message) {
    return message != null && message.contains(" bytes, limit is ");
  }

  static void write(Context ctx, int status, ErrorCode code, String message) {
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code.name());
    body.put("message", oneLine(message == null ? code.name() : message));
    ctx.attribute(CODE_ATTRIBUTE, code.name());
    ctx.status(status).json(body);
  }

  private static String oneLine(String s) {
    return s.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
