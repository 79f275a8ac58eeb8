package dev.pop.cli;

import dev.pop.cli.command.BenchCommand;
import dev.pop.cli.command.DeleteCommand;
import dev.pop.cli.command.GetCommand;
import dev.pop.cli.command.PutCommand;
import dev.pop.cli.command.StatusCommand;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;

/**
 * {@code popctl}: the command-line client of POP, on top of the Java SDK.
 *
 * <p>Exit codes follow SPEC section 4: 0 success, 1 internal error, 2 INVALID_ARGUMENT or usage
 * error, 3 NOT_FOUND, 4 UNAVAILABLE or UNKNOWN_OUTCOME, 5 CONFLICT, 6 NO_SPACE, 7 UNAUTHORIZED.
 * Results go to stdout; errors are one line on stderr ({@code Error: CODE: message}).
 */
@Command(
    name = "popctl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Command-line client for POP, a Raft-replicated coordination service.",
    subcommands = {
      PutCommand.class,
      GetCommand.class,
      DeleteCommand.class,
      StatusCommand.class,
      BenchCommand.class,
      dev.pop.cli.command.MemberCommand.class,
      dev.pop.cli.command.LeaderCommand.class,
      dev.pop.cli.command.SnapshotCommand.class,
      dev.pop.cli.command.TxnCommand.class,
      dev.pop.cli.command.IncrCommand.class,
      dev.pop.cli.command.LeaseCommand.class,
      dev.pop.cli.command.LockCommand.class,
      dev.pop.cli.command.ElectCommand.class,
      dev.pop.cli.command.WatchCommand.class,
      dev.pop.cli.command.LogCommand.class,
      dev.pop.cli.command.CompactCommand.class,
      dev.pop.cli.command.SagaCommand.class,
      HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:internal error",
      "2:INVALID_ARGUMENT or usage error",
      "3:NOT_FOUND",
      "4:UNAVAILABLE (not applied) or UNKNOWN_OUTCOME (may have been applied)",
      "5:CONFLICT",
      "6:NO_SPACE",
      "7:UNAUTHORIZED"
    })
public final class PopCtl {

  @Mixin private final GlobalOptions options;

  private final ClientFactory clients;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean debug;

  /**
   * @param clients opens the client a command talks to
   * @param env the environment ({@code POP_ENDPOINTS}, {@code POP_DEBUG})
   */
  public PopCtl(
      ClientFactory clients,
      Map<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err) {
    this.options = new GlobalOptions(env);
    this.clients = clients;
    this.in = in;
    this.out = out;
    this.err = err;
    this.debug = !env.getOrDefault("POP_DEBUG", "").isEmpty();
  }

  public static void main(String[] args) {
    QuietJavaLogging.install();
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = new PopCtl(ClientFactory.SDK, System.getenv(), System.in, out, err).run(args);
    // gRPC and Ratis threads must not keep a finished command alive.
    System.exit(code);
  }

  /** Parses and runs one command line; returns the process exit code. */
  public int run(String... args) {
    ErrorReporter reporter = new ErrorReporter(err, debug);
    CommandLine commandLine =
        new CommandLine(this)
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setOut(writer(out))
            .setErr(writer(err))
            .setParameterExceptionHandler(reporter)
            .setExecutionExceptionHandler(reporter);
    try {
      return commandLine.execute(args);
    } finally {
      commandLine.getOut().flush();
      commandLine.getErr().flush();
      out.flush();
      err.flush();
    }
  }

  public GlobalOptions options() {
    return options;
  }

  public ClientFactory clients() {
    return clients;
  }

  public InputStream in() {
    return in;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}
