package dev.pop.client.snapshot;

import dev.pop.client.InvalidArgumentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The backup archive of POP ({@code GET /v1/snapshot}, {@code popctl snapshot save|restore}): a zip whose first entry
 * is the {@link SnapshotManifest} and whose other entries are the files of a consistent RocksDB checkpoint of the
 * store under {@code store/}, stored uncompressed (the table files are compressed already). Restoring checks every
 * file's size and SHA-256 against the manifest, and that no file is missing or extra.
 *
 * <p>A restored data directory holds {@code store/} and the marker {@value #RESTORE_MARKER}; on its first start
 * {@code pop-server} resets the store's Raft position so that a new Raft log is applied on top of it, then removes the
 * marker.
 */
public final class SnapshotArchive {
  public static final String MANIFEST = "pop-snapshot.properties";
  public static final String STORE_DIR = "store";
  public static final String RESTORE_MARKER = "pop-restore.properties";

  private SnapshotArchive() {
  }

  /** Describes the files of {@code storeDir} (sizes and SHA-256) for a manifest. */
  public static List<SnapshotManifest.FileEntry> describeFiles(Path storeDir) throws IOException {
    List<SnapshotManifest.FileEntry> out = new ArrayList<>();
    for (Path f : files(storeDir)) {
      MessageDigest sha = sha256();
      try (InputStream in = new DigestInputStream(Files.newInputStream(f), sha)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      out.add(new SnapshotManifest.FileEntry(name(storeDir, f), Files.size(f), HexFormat.of().formatHex(sha.digest())));
    }
    return out;
  }

  /** Writes the archive of {@code storeDir}, whose files the manifest must describe, to {@code out}. */
  public static void write(Path storeDir, SnapshotManifest manifest, OutputStream out) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      ByteArrayOutputStream props = new ByteArrayOutputStream();
      manifest.toProperties().store(props, "POP backup manifest");
      zip.putNextEntry(new ZipEntry(MANIFEST));
      zip.write(props.toByteArray());
      zip.closeEntry();
      for (SnapshotManifest.FileEntry e : manifest.files()) {
        Path f = storeDir.resolve(e.name());
        ZipEntry entry = new ZipEntry(STORE_DIR + "/" + e.name());
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(e.size());
        entry.setCompressedSize(e.size());
        entry.setCrc(crc32(f));
        zip.putNextEntry(entry);
        Files.copy(f, zip);
        zip.closeEntry();
      }
    }
  }

  /**
   * Verifies an archive and extracts it into {@code dataDir} (which must not exist or be empty): {@code store/} and the
   * restore marker. On any failure nothing is left behind.
   *
   * @throws InvalidArgumentException if the archive is damaged (checksum, size, missing or unexpected files) or the
   *     directory is not empty
   */
  public static SnapshotManifest restore(Path archive, Path dataDir) throws IOException {
    if (Files.exists(dataDir) && (!Files.isDirectory(dataDir) || !isEmpty(dataDir))) {
      throw new InvalidArgumentException("snapshot restore: data dir " + dataDir + " exists and is not empty; "
          + "restore into a new directory");
    }
    boolean created = !Files.exists(dataDir);
    try {
      SnapshotManifest m = extract(archive, dataDir.resolve(STORE_DIR));
      Properties marker = m.toProperties();
      marker.setProperty("restoredAtMs", Long.toString(System.currentTimeMillis()));
      try (OutputStream out = Files.newOutputStream(dataDir.resolve(RESTORE_MARKER))) {
        marker.store(out, "Restored from a POP backup; pop-server resets the Raft position on first start");
      }
      return m;
    } catch (IOException | RuntimeException e) {
      deleteRecursively(dataDir, created);
      throw e;
    }
  }

  /** The manifest of an archive (its first entry), without checking the files. */
  public static SnapshotManifest readManifest(Path archive) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
      return manifest(archive, zip);
    } catch (java.util.zip.ZipException e) {
      throw damaged(archive, e.getMessage());
    }
  }

  private static SnapshotManifest manifest(Path archive, ZipInputStream zip) throws IOException {
    ZipEntry first = zip.getNextEntry();
    if (first == null || !first.getName().equals(MANIFEST)) {
      throw damaged(archive, "it does not start with " + MANIFEST + " (not a POP backup?)");
    }
    Properties p = new Properties();
    p.load(new java.io.ByteArrayInputStream(zip.readAllBytes()));
    return SnapshotManifest.fromProperties(p);
  }

  private static SnapshotManifest extract(Path archive, Path storeDir) throws IOException {
    Files.createDirectories(storeDir);
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
      SnapshotManifest m = manifest(archive, zip);
      Map<String, SnapshotManifest.FileEntry> expected = new HashMap<>();
      m.files().forEach(f -> expected.put(STORE_DIR + "/" + f.name(), f));
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        SnapshotManifest.FileEntry f = expected.remove(e.getName());
        if (f == null) {
          throw damaged(archive, "unexpected entry " + e.getName());
        }
        Path target = storeDir.resolve(f.name()).normalize();
        if (!target.startsWith(storeDir) || f.name().contains("..")) {
          throw damaged(archive, "entry " + e.getName() + " points outside the store");
        }
        Files.createDirectories(target.getParent());
        MessageDigest sha = sha256();
        long size;
        try (OutputStream out = Files.newOutputStream(target)) {
          size = new DigestInputStream(zip, sha).transferTo(out);
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        if (size != f.size() || !digest.equals(f.sha256())) {
          throw damaged(archive, e.getName() + " has " + size + " bytes with SHA-256 " + digest + ", the manifest says "
              + f.size() + " bytes with " + f.sha256());
        }
      }
      if (!expected.isEmpty()) {
        throw damaged(archive, "missing " + String.join(", ", expected.keySet()));
      }
      return m;
    } catch (java.util.zip.ZipException e) {
      throw damaged(archive, e.getMessage());
    }
  }

  private static InvalidArgumentException damaged(Path archive, String why) {
    return new InvalidArgumentException("snapshot restore: " + archive + " is damaged or not a POP backup: " + why);
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static String name(Path dir, Path f) {
    return dir.relativize(f).toString().replace('\\', '/');
  }

  private static long crc32(Path f) throws IOException {
    CRC32 crc = new CRC32();
    try (InputStream in = Files.newInputStream(f)) {
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        crc.update(buf, 0, n);
      }
    }
    return crc.getValue();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void deleteRecursively(Path dir, boolean includingDir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        if (includingDir || !p.equals(dir)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
