package dev.pop.client.snapshot;

import dev.pop.client.ErrorCode;
import dev.pop.client.PopException;
import dev.pop.client.UnavailableException;
import dev.pop.client.internal.PopErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads a backup from a member's HTTP API ({@code GET /v1/snapshot}) into a file, checking the SHA-256 the member
 * announced in {@value #SHA256_HEADER}. The file appears (by rename) only once complete and verified.
 */
public final class SnapshotDownload {
  /** Response header with the archive's SHA-256 (hex). */
  public static final String SHA256_HEADER = "X-Pop-Snapshot-Sha256";
  private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([A-Z_]+)\".*\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private SnapshotDownload() {
  }

  /** Told about the bytes received so far; {@code total} is -1 when the member did not say. */
  @FunctionalInterface
  public interface Progress {
    void update(long received, long total);
  }

  /**
   * @param file the archive written
   * @param bytes its size
   * @param sha256 its verified SHA-256
   */
  public record Result(Path file, long bytes, String sha256) {
  }

  /**
   * @param httpAddress the member's HTTP host:port
   * @param token the admin token, or null
   * @param timeout how long to wait for the member to start sending (it takes a checkpoint first)
   * @throws PopException with the member's error code, or UNAVAILABLE if it could not be reached or the transfer was
   *     damaged (retry)
   */
  public static Result save(String httpAddress, String token, Path file, Duration timeout, Progress progress) {
    String url = "http://" + httpAddress + "/v1/snapshot";
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    Path part = file.resolveSibling(file.getFileName() + ".part");
    try {
      HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw failure(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        String expected = response.headers().firstValue(SHA256_HEADER).orElse(null);
        MessageDigest sha = SnapshotArchive.sha256();
        long received = 0;
        try (OutputStream out = Files.newOutputStream(part)) {
          byte[] buf = new byte[1 << 16];
          for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
            out.write(buf, 0, n);
            sha.update(buf, 0, n);
            received += n;
            progress.update(received, total);
          }
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        if (expected == null || !expected.equalsIgnoreCase(digest) || (total >= 0 && total != received)) {
          throw new UnavailableException("snapshot save: the download from " + httpAddress + " is damaged (" + received
              + " bytes, SHA-256 " + digest + ", expected " + expected + "); retry");
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Result(file, received, digest);
      }
    } catch (IOException e) {
      throw new UnavailableException("snapshot save: cannot download from " + url + ": " + e.getMessage()
          + "; is the member's HTTP API up?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("snapshot save: interrupted", e);
    } finally {
      try {
        Files.deleteIfExists(part);
      } catch (IOException ignored) {
        // best effort: a stale .part file is harmless
      }
    }
  }

  private static PopException failure(int status, String body) {
    Matcher m = ERROR.matcher(body);
    if (m.find()) {
      ErrorCode code;
      try {
        code = ErrorCode.valueOf(m.group(1));
      } catch (IllegalArgumentException e) {
        code = ErrorCode.INTERNAL;
      }
      return PopErrors.of(code, m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    return new PopException(status == 503 ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL,
        "snapshot save: HTTP " + status + ": " + body.strip());
  }
}
