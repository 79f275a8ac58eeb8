package dev.pop.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pop.cli.CommandFailure;
import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.OutputFormat;
import dev.pop.cli.output.Printer;
import dev.pop.client.ErrorCode;
import dev.pop.client.PopClient;
import dev.pop.client.cluster.ClusterMember;
import dev.pop.client.snapshot.SnapshotArchive;
import dev.pop.client.snapshot.SnapshotDownload;
import dev.pop.client.snapshot.SnapshotManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snapshot save FILE}: downloads a consistent backup from a member's HTTP API (the leader's, found through the
 * cluster's membership, unless {@code --http} names one), verifying its SHA-256. Shows a progress bar when stderr is
 * a terminal.
 */
@Command(
    name = "save",
    mixinStandardHelpOptions = true,
    description = "Saves a consistent point-in-time backup of the store to FILE (zip, SHA-256 checked).")
public final class SnapshotSaveCommand extends ClientCommand {

  /** Waiting for the member to checkpoint and pack the store takes longer than an ordinary call. */
  private static final Duration MIN_WAIT = Duration.ofSeconds(60);

  @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the backup.")
  Path file;

  @Option(names = "--http", paramLabel = "HOST:PORT",
      description = "The member's HTTP address. Default: the leader's, as recorded in the cluster's membership.")
  String http;

  @Option(names = "--admin-token-file", paramLabel = "FILE",
      description = "File with the admin token, when the servers run with --admin-token-file. "
          + "Default: $POP_ADMIN_TOKEN_FILE.")
  Path tokenFile;

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    String address = http != null ? http : httpOfLeader(client.cluster().members());
    Duration wait = options.timeout().compareTo(MIN_WAIT) > 0 ? options.timeout() : MIN_WAIT;
    TransferProgress progress = TransferProgress.forTerminal(root().err());
    SnapshotDownload.Result saved;
    try {
      saved = SnapshotDownload.save(address, token(), file, wait, progress);
    } finally {
      progress.finish();
    }
    SnapshotManifest m = manifest(saved.file());
    if (options.output() == OutputFormat.JSON) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("file", saved.file().toString());
      doc.put("bytes", saved.bytes());
      doc.put("sha256", saved.sha256());
      doc.put("member", m.member());
      doc.put("revision", m.revision());
      doc.put("keys", m.keys());
      try {
        root().out().println(new ObjectMapper().writeValueAsString(doc));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      root().out().println("Snapshot saved to " + saved.file() + ": " + saved.bytes() + " bytes, revision "
          + m.revision() + ", " + m.keys() + " keys, from " + m.member() + ", sha256 " + saved.sha256());
    }
    return 0;
  }

  private static String httpOfLeader(List<ClusterMember> members) {
    return members.stream()
        .filter(m -> m.httpAddress() != null)
        .sorted(Comparator.comparing((ClusterMember m) -> !m.leader()))
        .map(ClusterMember::httpAddress)
        .findFirst()
        .orElseThrow(() -> new CommandFailure(ErrorCode.INVALID_ARGUMENT,
            "snapshot save: no member has a recorded HTTP address; pass --http HOST:PORT"));
  }

  private String token() {
    Path f = tokenFile;
    if (f == null) {
      String env = System.getenv("POP_ADMIN_TOKEN_FILE");
      f = env == null || env.isBlank() ? null : Path.of(env);
    }
    if (f == null) {
      return null;
    }
    try {
      return Files.readString(f, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new CommandFailure(ErrorCode.INVALID_ARGUMENT,
          "snapshot save: cannot read --admin-token-file " + f + ": " + e.getMessage());
    }
  }

  private static SnapshotManifest manifest(Path file) {
    try {
      return SnapshotArchive.readManifest(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
