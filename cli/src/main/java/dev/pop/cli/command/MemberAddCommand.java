package dev.pop.cli.command;

import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.client.PopClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code member add ID HOST:PORT [--http HOST:PORT]}: adds a voting member that was started with
 * {@code pop-server --join}. Waits until the leader brought it up to date and committed the new
 * configuration (at least 30 s are allowed, whatever {@code --timeout} says).
 */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = "Adds a voting member; start it first with pop-server --join.")
public final class MemberAddCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The new member's id (its --id).")
  String id;

  @Parameters(index = "1", paramLabel = "HOST:PORT", description = "Its Raft/client address (its --raft).")
  String raftAddress;

  @Option(names = "--http", paramLabel = "HOST:PORT",
      description = "Its HTTP address (its --http), recorded for status pages and snapshot save.")
  String httpAddress;

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    client.cluster().addMember(id, raftAddress, httpAddress);
    MemberOutput.done(root().out(), options.output(),
        "Member " + id + " added (Raft " + raftAddress + (httpAddress == null ? "" : ", HTTP " + httpAddress) + ")",
        "added", id, "raftAddress", raftAddress, "httpAddress", httpAddress);
    return 0;
  }
}
