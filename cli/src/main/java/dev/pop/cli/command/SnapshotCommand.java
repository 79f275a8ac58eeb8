package dev.pop.cli.command;

import picocli.CommandLine.Command;

/** {@code snapshot save|restore}: backups. */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = "Saves a consistent backup from a member, or restores one into a new data directory.",
    subcommands = {SnapshotSaveCommand.class, SnapshotRestoreCommand.class})
public final class SnapshotCommand {}
