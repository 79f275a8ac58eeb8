package dev.pop.client.snapshot;

import dev.pop.client.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The manifest of a POP backup ({@code pop-snapshot.properties}, the archive's first entry): where and when it was
 * taken, the state it holds, and every store file with its size and SHA-256.
 *
 * @param format archive format version ({@link #FORMAT})
 * @param member the member that took it
 * @param createdAtMs when, in ms since the epoch
 * @param appliedIndex the Raft log index the store reflected
 * @param revision the store revision
 * @param keys live keys
 * @param files the store's files, relative to the store directory
 */
public record SnapshotManifest(int format, String member, long createdAtMs, long appliedIndex, long revision, long keys,
    List<FileEntry> files) {
  public static final int FORMAT = 1;

  public SnapshotManifest {
    files = List.copyOf(files);
  }

  /**
   * One store file.
   *
   * @param name path relative to the store directory, with '/' separators
   * @param size bytes
   * @param sha256 lower-case hex digest
   */
  public record FileEntry(String name, long size, String sha256) {
  }

  public long totalBytes() {
    return files.stream().mapToLong(FileEntry::size).sum();
  }

  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("format", Integer.toString(format));
    p.setProperty("member", member);
    p.setProperty("createdAtMs", Long.toString(createdAtMs));
    p.setProperty("appliedIndex", Long.toString(appliedIndex));
    p.setProperty("revision", Long.toString(revision));
    p.setProperty("keys", Long.toString(keys));
    p.setProperty("files", Integer.toString(files.size()));
    for (int i = 0; i < files.size(); i++) {
      p.setProperty("file." + i + ".name", files.get(i).name());
      p.setProperty("file." + i + ".size", Long.toString(files.get(i).size()));
      p.setProperty("file." + i + ".sha256", files.get(i).sha256());
    }
    return p;
  }

  static SnapshotManifest fromProperties(Properties p) {
    int format = (int) number(p, "format");
    if (format != FORMAT) {
      throw new InvalidArgumentException("snapshot: unsupported archive format " + format + " (this version reads "
          + FORMAT + ")");
    }
    List<FileEntry> files = new ArrayList<>();
    long count = number(p, "files");
    for (int i = 0; i < count; i++) {
      files.add(new FileEntry(text(p, "file." + i + ".name"), number(p, "file." + i + ".size"),
          text(p, "file." + i + ".sha256")));
    }
    return new SnapshotManifest(format, text(p, "member"), number(p, "createdAtMs"), number(p, "appliedIndex"),
        number(p, "revision"), number(p, "keys"), files);
  }

  private static String text(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new InvalidArgumentException("snapshot: the manifest lacks '" + key + "'; the file is damaged");
    }
    return v;
  }

  private static long number(Properties p, String key) {
    try {
      return Long.parseLong(text(p, key));
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("snapshot: manifest field '" + key + "' is not a number; the file is damaged");
    }
  }
}
