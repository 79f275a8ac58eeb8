package dev.pop.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pop.cli.PopCtl;
import dev.pop.cli.output.OutputFormat;
import dev.pop.client.snapshot.SnapshotArchive;
import dev.pop.client.snapshot.SnapshotManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code snapshot restore FILE --data-dir DIR}: verifies a backup (every file's size and SHA-256) and unpacks it into a
 * new data directory, like {@code etcdctl snapshot restore}. A {@code pop-server} started on that directory (as a
 * single member) serves the restored state and begins a new Raft log. Works offline: no cluster is contacted.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = "Restores a backup into a new data directory for a new single-member cluster.")
public final class SnapshotRestoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The backup (from snapshot save).")
  Path file;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR",
      description = "The new member's data directory; must not exist or be empty.")
  Path dataDir;

  @Override
  public Integer call() throws IOException {
    PopCtl root = (PopCtl) spec.root().userObject();
    SnapshotManifest m = SnapshotArchive.restore(file, dataDir);
    if (root.options().output() == OutputFormat.JSON) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("dataDir", dataDir.toString());
      doc.put("revision", m.revision());
      doc.put("keys", m.keys());
      doc.put("member", m.member());
      doc.put("files", m.files().size());
      doc.put("bytes", m.totalBytes());
      root.out().println(new ObjectMapper().writeValueAsString(doc));
    } else {
      root.out().println("Restored revision " + m.revision() + " (" + m.keys() + " keys, " + m.files().size()
          + " files checked) from " + m.member() + " into " + dataDir);
      root.out().println("Start a new single-member cluster on it, e.g.: pop-server --id n1 --data-dir " + dataDir
          + " --raft 127.0.0.1:7701 --http 127.0.0.1:7801 --peers n1=127.0.0.1:7701");
    }
    return 0;
  }
}
