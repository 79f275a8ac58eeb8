package dev.pop.cli.command;

import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.cli.output.StreamPrinter;
import dev.pop.client.PopClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code compact REV}: drops the history before revision REV. */
@Command(
    name = "compact",
    mixinStandardHelpOptions = true,
    description = {
      "Compacts the history at revision REV: reads and watches of older revisions then fail with COMPACTED.",
      "The leader also compacts on its own, keeping the last 100,000 revisions (pop-server --compaction-retention)."
    })
public final class CompactCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "REV", description = "The revision to compact at.")
  long revision;

  @Override
  void validate() {
    if (revision <= 0) {
      throw usage("REV must be > 0, got " + revision);
    }
  }

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    new StreamPrinter(options.output(), root().out()).compacted(client.kv().compact(revision));
    return 0;
  }
}
