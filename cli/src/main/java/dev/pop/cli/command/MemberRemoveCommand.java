package dev.pop.cli.command;

import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.client.PopClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code member remove ID}: removes a voting member (the leader too). Refused (exit 4) when the
 * members left would not include a live majority of the new configuration.
 */
@Command(
    name = "remove",
    mixinStandardHelpOptions = true,
    description = "Removes a voting member; stop its process afterwards.")
public final class MemberRemoveCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The member to remove.")
  String id;

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    client.cluster().removeMember(id);
    MemberOutput.done(root().out(), options.output(), "Member " + id + " removed", "removed", id);
    return 0;
  }
}
