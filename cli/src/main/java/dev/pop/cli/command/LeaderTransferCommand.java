package dev.pop.cli.command;

import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.client.PopClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code leader transfer ID}: makes a member the leader; returns once it leads. */
@Command(
    name = "transfer",
    mixinStandardHelpOptions = true,
    description = "Transfers leadership to a member.")
public final class LeaderTransferCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The member to lead.")
  String id;

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    client.cluster().transferLeader(id);
    MemberOutput.done(root().out(), options.output(), "Leadership transferred to " + id, "leader", id);
    return 0;
  }
}
