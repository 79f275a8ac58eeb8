package dev.pop.cli;

import dev.pop.client.ErrorCode;
import dev.pop.client.PopException;
import java.io.PrintStream;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns a failure into an exit code (SPEC section 4) and a single line on
 * stderr, {@code Error: CODE: message}. Expected errors never print a stack trace; unexpected
 * ones do only when {@code POP_DEBUG} is set.
 */
public final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

  /** Exit code of anything that is not one of the codes below. */
  public static final int INTERNAL = 1;

  private final PrintStream err;
  private final boolean debug;

  public ErrorReporter(PrintStream err, boolean debug) {
    this.err = err;
    this.debug = debug;
  }

  /** The {@code popctl} exit code for an error code. */
  public static int exitCode(ErrorCode code) {
    if (code == null) {
      return INTERNAL;
    }
    return switch (code) {
      case INVALID_ARGUMENT -> 2;
      case NOT_FOUND -> 3;
      case UNAVAILABLE, UNKNOWN_OUTCOME -> 4;
      case CONFLICT -> 5;
      case NO_SPACE -> 6;
      case UNAUTHORIZED -> 7;
      default -> INTERNAL;
    };
  }

  /** Usage errors: unknown command or option, missing or malformed argument. */
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    String command = ex.getCommandLine().getCommandSpec().qualifiedName();
    err.println(
        "Error: "
            + ErrorCode.INVALID_ARGUMENT
            + ": "
            + oneLine(ex.getMessage())
            + " (see '"
            + command
            + " --help')");
    return exitCode(ErrorCode.INVALID_ARGUMENT);
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parsed) {
    return report(ex);
  }

  /** Prints the error line for {@code failure} and returns its exit code. */
  public int report(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof PopException pop) {
      return print(pop.code(), pop.getMessage(), pop);
    }
    if (cause instanceof CommandFailure cli) {
      return print(cli.code(), cli.getMessage(), cli);
    }
    String message = cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    err.println("Error: " + ErrorCode.INTERNAL + ": " + oneLine(message));
    if (debug) {
      cause.printStackTrace(err);
    }
    return INTERNAL;
  }

  private int print(ErrorCode code, String message, Throwable failure) {
    String name = code == null ? ErrorCode.INTERNAL.name() : code.name();
    String text = message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    err.println("Error: " + name + ": " + oneLine(text));
    if (debug) {
      failure.printStackTrace(err);
    }
    return exitCode(code);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
