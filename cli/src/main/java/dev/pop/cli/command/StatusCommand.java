package dev.pop.cli.command;

import dev.pop.cli.CommandFailure;
import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.client.ClusterStatus;
import dev.pop.client.ErrorCode;
import dev.pop.client.PopClient;
import dev.pop.client.Role;
import picocli.CommandLine.Command;

/**
 * {@code status}: asks every member directly, so it works without a quorum. Prints what it got;
 * exits 4 (UNAVAILABLE) only when no member answered.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows each member's role, term, commit/applied index and revision.")
public final class StatusCommand extends ClientCommand {

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    ClusterStatus status = client.cluster().status();
    printer.status(status);
    boolean anyReachable =
        status.members().stream().anyMatch(m -> m.role() != Role.UNREACHABLE);
    if (!anyReachable) {
      throw new CommandFailure(
          ErrorCode.UNAVAILABLE,
          "status: no member answered (tried "
              + String.join(",", options.endpoints())
              + "); check that the servers are running");
    }
    return 0;
  }
}
