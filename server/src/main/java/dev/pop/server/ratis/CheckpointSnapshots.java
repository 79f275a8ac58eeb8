package dev.pop.server.ratis;

import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Snapshots as RocksDB checkpoints, one directory per snapshot under Ratis' state machine directory:
 * {@code sm/snapshot.<term>_<index>/} holding the checkpoint's files.
 *
 * <p>Ratis ships every listed file to a lagging follower and, when the install is done, replaces the
 * follower's whole state machine directory with what it received (Ratis {@code SnapshotManager}); so the
 * live database lives outside that directory and is rebuilt from the newest snapshot on
 * {@code reinitialize}. A snapshot directory appears only by an atomic rename, so a crash mid-checkpoint
 * leaves no half snapshot behind.
 */
final class CheckpointSnapshots implements StateMachineStorage {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointSnapshots.class);
  private static final Pattern NAME = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");
  /** Written by Ratis next to each installed file; not part of the checkpoint. */
  private static final String MD5_SUFFIX = ".md5";

  private volatile File smDir;
  private volatile SnapshotInfo latest;

  @Override
  public void init(RaftStorage raftStorage) throws IOException {
    smDir = raftStorage.getStorageDir().getStateMachineDir();
    Files.createDirectories(smDir.toPath());
    latest = scan();
  }

  /** Re-reads the directory, after Ratis installed a snapshot from the leader. */
  void reload() throws IOException {
    latest = scan();
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    return latest;
  }

  @Override
  public void format() {
    // nothing: a new member starts with an empty directory
  }

  @Override
  public File getSnapshotDir() {
    return smDir;
  }

  /** Directory of the newest snapshot, if any. */
  Optional<Path> latestDir() {
    final SnapshotInfo s = latest;
    return s == null ? Optional.empty() : Optional.of(dirOf(s.getTermIndex()));
  }

  Path dirOf(TermIndex ti) {
    return smDir.toPath().resolve("snapshot." + ti.getTerm() + "_" + ti.getIndex());
  }

  /** Temporary location for a checkpoint in progress; {@link #publish} renames it into place. */
  Path tmpDirFor(TermIndex ti) throws IOException {
    final Path tmp = smDir.toPath().resolve(".tmp-snapshot." + ti.getTerm() + "_" + ti.getIndex());
    deleteRecursively(tmp);
    return tmp;
  }

  void publish(Path tmp, TermIndex ti) throws IOException {
    final Path target = dirOf(ti);
    deleteRecursively(target);
    Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    latest = scan();
  }

  /** Writes a consistent copy of the store into a directory that does not exist yet. */
  @FunctionalInterface
  interface CheckpointWriter {
    void write(Path target) throws IOException;
  }

  /**
   * Takes a snapshot at {@code last} unless one at least as new exists; returns the newest snapshot's index, or
   * -1 when nothing has been applied yet.
   */
  long take(TermIndex last, CheckpointWriter writer) throws IOException {
    if (last == null || last.getIndex() <= 0) {
      return -1;
    }
    final SnapshotInfo existing = latest;
    if (existing != null && existing.getIndex() >= last.getIndex()) {
      return existing.getIndex();
    }
    final Path tmp = tmpDirFor(last);
    writer.write(tmp);
    publish(tmp, last);
    LOG.info("Snapshot taken at {} in {}", last, dirOf(last));
    return last.getIndex();
  }

  @Override
  public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
    final int keep = Math.max(1, policy.getNumSnapshotsRetained());
    final List<TermIndex> all = list();
    for (int i = 0; i < all.size() - keep; i++) {
      deleteRecursively(dirOf(all.get(i)));
    }
  }

  private SnapshotInfo scan() throws IOException {
    final List<TermIndex> all = list();
    if (all.isEmpty()) {
      return null;
    }
    final TermIndex ti = all.get(all.size() - 1);
    final List<FileInfo> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dirOf(ti))) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(MD5_SUFFIX))
          .sorted()
          .forEach(p -> files.add(new FileInfo(p.toAbsolutePath(), null)));
    }
    return new FileListSnapshotInfo(files, ti);
  }

  /** Snapshots present, oldest first. */
  private List<TermIndex> list() throws IOException {
    final List<TermIndex> out = new ArrayList<>();
    if (smDir == null || !smDir.isDirectory()) {
      return out;
    }
    try (Stream<Path> s = Files.list(smDir.toPath())) {
      s.filter(Files::isDirectory).forEach(p -> {
        final Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.add(TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
        }
      });
    }
    out.sort(Comparator.comparingLong(TermIndex::getIndex));
    return out;
  }

  /** Replaces the store directory with a copy of the newest snapshot, atomically (a crash leaves one or the other). */
  void restoreLatestInto(Path storeDir) throws IOException {
    final Path fresh = storeDir.resolveSibling(storeDir.getFileName() + ".restoring");
    deleteRecursively(fresh);
    materialize(latestDir().orElseThrow(), fresh);
    deleteRecursively(storeDir);
    Files.move(fresh, storeDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Copies a snapshot into {@code target} (table files hard-linked where the file system allows), skipping Ratis' md5 files. */
  static void materialize(Path snapshotDir, Path target) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> s = Files.walk(snapshotDir)) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(MD5_SUFFIX))
          .forEach(p -> {
            final Path dst = target.resolve(snapshotDir.relativize(p).toString());
            try {
              Files.createDirectories(dst.getParent());
              if (p.getFileName().toString().endsWith(".sst")) {
                linkOrCopy(p, dst); // immutable once written: sharing is safe, as RocksDB's own checkpoints do
              } else {
                Files.copy(p, dst); // MANIFEST, CURRENT, OPTIONS: RocksDB may rewrite these
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    LOG.info("Materialized snapshot {} into {}", snapshotDir, target);
  }

  private static void linkOrCopy(Path src, Path dst) throws IOException {
    try {
      Files.createLink(dst, src);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(src, dst);
    }
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(x);
      }
    }
  }
}
