package dev.pop.server.http;

import dev.pop.client.ErrorCode;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Guards mutating admin calls: with {@code --admin-token-file}, they need {@code Authorization: Bearer <token>}
 * (the file's content, surrounding whitespace ignored); without it, they are open.
 */
final class AdminAuth {
  private final byte[] token;

  private AdminAuth(byte[] token) {
    this.token = token;
  }

  static AdminAuth fromFile(Path file) {
    if (file == null) {
      return new AdminAuth(null);
    }
    try {
      final String t = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (t.isEmpty()) {
        throw new IllegalArgumentException("--admin-token-file " + file + " is empty");
      }
      return new AdminAuth(t.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read --admin-token-file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Throws UNAUTHORIZED unless the request carries the token (or no token is configured). */
  void check(Context ctx, String op) {
    if (token == null) {
      return;
    }
    final String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw new ApiException(ErrorCode.UNAUTHORIZED, 401,
          op + ": missing admin token; send 'Authorization: Bearer <token>' with the token of --admin-token-file");
    }
    final String prefix = "Bearer ";
    final byte[] given = header.regionMatches(true, 0, prefix, 0, prefix.length())
        ? header.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (!MessageDigest.isEqual(given, token)) {
      throw new ApiException(ErrorCode.UNAUTHORIZED, 401, op + ": wrong admin token");
    }
  }
}
