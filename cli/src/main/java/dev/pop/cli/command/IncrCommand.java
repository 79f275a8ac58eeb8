package dev.pop.cli.command;

import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.cli.output.PrimitivePrinter;
import dev.pop.client.PopClient;
import dev.pop.client.counter.Bounds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code incr KEY DELTA [--min A] [--max B]}: prints the new value; exit 5 if it would leave the bounds. */
@Command(
    name = "incr",
    mixinStandardHelpOptions = true,
    description = {
      "Adds DELTA (may be negative) to the integer counter at KEY (a missing key counts as 0) and prints the new"
          + " value.",
      "With --min/--max the increment is refused (exit 5, nothing changes) if the result would leave [A, B]."
    })
public final class IncrCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "KEY", description = "The counter's key.")
  String key;

  @Parameters(index = "1", paramLabel = "DELTA", description = "The amount to add (use -- before a negative one).")
  long delta;

  @Option(names = "--min", paramLabel = "A", description = "Lowest value allowed after the increment.")
  Long min;

  @Option(names = "--max", paramLabel = "B", description = "Highest value allowed after the increment.")
  Long max;

  @Override
  void validate() {
    if (key.isEmpty()) {
      throw usage("KEY must not be empty");
    }
    if (min != null && max != null && min > max) {
      throw usage("--min " + min + " is above --max " + max);
    }
  }

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    var result = client.counters().increment(PutCommand.utf8(key), delta, new Bounds(min, max));
    PrimitivePrinter.of(options.output(), root().out()).increment(key, result);
    return 0;
  }
}
