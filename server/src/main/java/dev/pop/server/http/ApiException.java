package dev.pop.server.http;

import dev.pop.client.ErrorCode;

/** A request the HTTP front refuses itself, before reaching the cluster: becomes {@code {"error","message"}}. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final int status;

  ApiException(ErrorCode code, int status, String message) {
    super(message);
    this.code = code;
    this.status = status;
  }

  static ApiException invalid(String message) {
    return new ApiException(ErrorCode.INVALID_ARGUMENT, 400, message);
  }

  static ApiException tooLarge(String message) {
    return new ApiException(ErrorCode.INVALID_ARGUMENT, 413, message);
  }

  ErrorCode code() {
    return code;
  }

  int status() {
    return status;
  }
}
