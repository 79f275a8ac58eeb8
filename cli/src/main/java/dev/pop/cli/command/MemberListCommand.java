package dev.pop.cli.command;

import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.client.PopClient;
import picocli.CommandLine.Command;

/** {@code member list}: the members of the current Raft configuration, as the leader reports it. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the voting members: ID, Raft address, HTTP address, role.")
public final class MemberListCommand extends ClientCommand {

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    MemberOutput.members(root().out(), options.output(), client.cluster().members());
    return 0;
  }
}
