package dev.pop.cli.command;

import dev.pop.cli.GlobalOptions;
import dev.pop.cli.PopCtl;
import dev.pop.cli.output.Printer;
import dev.pop.client.PopClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the cluster: validates its arguments, opens one client with the global
 * options, runs, prints through the chosen printer and closes the client. Failures propagate to
 * {@link dev.pop.cli.ErrorReporter}.
 */
abstract class ClientCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    validate();
    PopCtl root = root();
    GlobalOptions options = root.options();
    Printer printer = options.output().printer(root.out());
    PopClient client = root.clients().connect(options.endpoints(), options.timeout());
    try {
      return run(client, printer, options);
    } finally {
      closeQuietly(client);
    }
  }

  /** Checks argument values picocli cannot; throw {@link #usage} for a bad one. */
  void validate() {}

  abstract int run(PopClient client, Printer printer, GlobalOptions options);

  /** The root command: global options, client factory and streams. */
  PopCtl root() {
    return (PopCtl) spec.root().userObject();
  }

  /** A usage error (exit 2) about this command's arguments. */
  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  void requireNonNegative(String option, long value) {
    if (value < 0) {
      throw usage("Invalid value for option '" + option + "': " + value + " must be >= 0");
    }
  }

  private static void closeQuietly(PopClient client) {
    try {
      client.close();
    } catch (RuntimeException e) {
      // The command's result is already decided; a failing close must not change it.
    }
  }
}
