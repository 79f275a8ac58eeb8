package dev.pop.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@link PopCtl} in-process against a {@link FakePopClient}, capturing its output. */
public final class CliHarness {

  /** What one run produced. */
  public record Run(int exitCode, String out, String err, byte[] outBytes) {}

  public final FakePopClient client = new FakePopClient();
  public final Map<String, String> env = new HashMap<>();
  public byte[] stdin = new byte[0];
  public List<String> connectedEndpoints;
  public Duration connectedTimeout;
  public int connections;
  /** When set, opening the client fails with it (as the SDK does for bad endpoints). */
  public RuntimeException connectFailure;

  public Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ClientFactory factory =
        (endpoints, timeout) -> {
          connections++;
          connectedEndpoints = endpoints;
          connectedTimeout = timeout;
          if (connectFailure != null) {
            throw connectFailure;
          }
          return client;
        };
    int code =
        new PopCtl(
                factory,
                env,
                new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    return new Run(
        code,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        out.toByteArray());
  }
}
