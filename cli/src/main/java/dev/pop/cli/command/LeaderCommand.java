package dev.pop.cli.command;

import picocli.CommandLine.Command;

/** {@code leader transfer ID}. */
@Command(
    name = "leader",
    mixinStandardHelpOptions = true,
    description = "Leadership commands.",
    subcommands = {LeaderTransferCommand.class})
public final class LeaderCommand {}
