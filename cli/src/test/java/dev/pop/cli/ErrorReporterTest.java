package dev.pop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ErrorReporter reporter =
      new ErrorReporter(new PrintStream(err, true, StandardCharsets.UTF_8), false);

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void mapsEveryCodeToTheSpecExitCode() {
    Map<ErrorCode, Integer> expected =
        Map.of(
            ErrorCode.INVALID_ARGUMENT, 2,
            ErrorCode.NOT_FOUND, 3,
            ErrorCode.UNAVAILABLE, 4,
            ErrorCode.UNKNOWN_OUTCOME, 4,
            ErrorCode.CONFLICT, 5,
            ErrorCode.NO_SPACE, 6,
            ErrorCode.UNAUTHORIZED, 7,
            ErrorCode.COMPACTED, 1,
            ErrorCode.INTERNAL, 1);
    for (ErrorCode code : ErrorCode.values()) {
      assertEquals(expected.get(code), ErrorReporter.exitCode(code), code.name());
    }
  }

  @Test
  void reportsEachSdkExceptionWithItsCodeAndExitCode() {
    assertEquals(2, reporter.report(new InvalidArgumentException("put: key longer than 4096 bytes")));
    assertEquals(3, reporter.report(new NotFoundException("lease 7 not found")));
    assertEquals(4, reporter.report(new UnavailableException("put: no leader (tried n1,n2,n3)")));
    assertEquals(4, reporter.report(new UnknownOutcomeException("put: deadline passed after send")));
    assertEquals(5, reporter.report(new ConflictException("txn: compare failed")));
    assertEquals(6, reporter.report(new NoSpaceException("put: quota reached")));
    assertEquals(7, reporter.report(new UnauthorizedException("member add: token missing")));
    assertEquals(1, reporter.report(new CompactedException("get: revision 3 compacted", 10)));
    assertEquals(1, reporter.report(new PopException(ErrorCode.INTERNAL, "boom")));
    assertEquals(
        String.join(
            "\n",
            "Error: INVALID_ARGUMENT: put: key longer than 4096 bytes",
            "Error: NOT_FOUND: lease 7 not found",
            "Error: UNAVAILABLE: put: no leader (tried n1,n2,n3)",
            "Error: UNKNOWN_OUTCOME: put: deadline passed after send",
            "Error: CONFLICT: txn: compare failed",
            "Error: NO_SPACE: put: quota reached",
            "Error: UNAUTHORIZED: member add: token missing",
            "Error: COMPACTED: get: revision 3 compacted",
            "Error: INTERNAL: boom",
            ""),
        stderr().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void unwrapsFutureExceptions() {
    int code =
        reporter.report(
            new CompletionException(
                new ExecutionException(new UnavailableException("get: no quorum"))));
    assertEquals(4, code);
    assertEquals("Error: UNAVAILABLE: get: no quorum", stderr().strip());
  }

  @Test
  void reportsCliFailures() {
    assertEquals(3, reporter.report(new CommandFailure(ErrorCode.NOT_FOUND, "get: key \"k\" not found")));
    assertEquals("Error: NOT_FOUND: get: key \"k\" not found", stderr().strip());
  }

  @Test
  void unexpectedExceptionIsInternalOnOneLineWithoutStackTrace() {
    assertEquals(1, reporter.report(new IllegalStateException("bad\nthing")));
    String text = stderr();
    assertEquals("Error: INTERNAL: IllegalStateException: bad thing", text.strip());
    assertFalse(text.contains("\tat "), text);
  }

  @Test
  void multiLineMessagesAreJoinedAndNoStackTraceIsPrinted() {
    reporter.report(new UnavailableException("get: no quorum\n  tried n1, n2", new RuntimeException("cause")));
    String text = stderr();
    assertEquals("Error: UNAVAILABLE: get: no quorum tried n1, n2", text.strip());
    assertEquals(1, text.lines().count());
  }

  @Test
  void debugAddsTheStackTrace() {
    ErrorReporter debug = new ErrorReporter(new PrintStream(err, true, StandardCharsets.UTF_8), true);
    debug.report(new IllegalStateException("boom"));
    assertTrue(stderr().contains("\tat "), stderr());
  }
}
