package dev.pop.cli.command;

import picocli.CommandLine.Command;

/** {@code member list|add|remove}: the cluster's voting members. */
@Command(
    name = "member",
    mixinStandardHelpOptions = true,
    description = "Lists, adds and removes voting members (Raft joint consensus).",
    subcommands = {MemberListCommand.class, MemberAddCommand.class, MemberRemoveCommand.class})
public final class MemberCommand {}
