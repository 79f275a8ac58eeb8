package dev.pop.cli.command;

import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.client.PopClient;
import dev.pop.client.kv.DeleteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code del KEY [--prefix]}: prints how many keys were deleted (0 is not an error). */
@Command(
    name = "del",
    aliases = "delete",
    mixinStandardHelpOptions = true,
    description = "Deletes a key, or every key under a prefix.")
public final class DeleteCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "KEY", description = "The key (or prefix).")
  String key;

  @Option(names = "--prefix", description = "Delete every key that starts with KEY.")
  boolean prefix;

  @Override
  void validate() {
    if (key.isEmpty() && !prefix) {
      throw usage("KEY must not be empty");
    }
  }

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    DeleteOptions deleteOptions = DeleteOptions.builder().prefix(prefix).build();
    printer.delete(client.kv().delete(PutCommand.utf8(key), deleteOptions));
    return 0;
  }
}
