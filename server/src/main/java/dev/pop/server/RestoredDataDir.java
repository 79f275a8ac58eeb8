package dev.pop.server;

import dev.pop.client.snapshot.SnapshotArchive;
import dev.pop.server.store.StoreImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A data directory made by {@code popctl snapshot restore} holds a store from another cluster and a marker. On the
 * first start the store's Raft position is reset ({@link StoreImage#resetRaftPosition}) so the new, empty Raft log is
 * applied on top of it; then the marker goes. Refused if the directory already has Raft state: mixing a restored
 * store with an existing log would apply or skip the wrong entries.
 */
final class RestoredDataDir {
  private static final Logger LOG = LoggerFactory.getLogger(RestoredDataDir.class);

  private RestoredDataDir() {
  }

  static void prepare(ServerConfig config) throws IOException {
    final Path marker = config.dataDir().resolve(SnapshotArchive.RESTORE_MARKER);
    if (!Files.exists(marker)) {
      return;
    }
    if (hasFiles(config.raftDir())) {
      throw new IOException(config.dataDir() + " was restored from a backup (" + marker.getFileName()
          + ") but already holds Raft state in " + config.raftDir() + "; restore again into a new directory");
    }
    final StoreImage.Description d = StoreImage.resetRaftPosition(config.storeDir());
    Files.delete(marker);
    LOG.info("{}: store restored from a backup: revision {}, {} keys, {} leases; it starts a new Raft log",
        config.id(), d.revision(), d.keys(), d.leases());
  }

  private static boolean hasFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.anyMatch(Files::isRegularFile);
    }
  }
}
