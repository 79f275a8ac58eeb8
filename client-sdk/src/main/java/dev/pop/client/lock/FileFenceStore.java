package dev.pop.client.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A {@link FenceStore} in a directory, one small file per resource holding the highest fence as decimal text. A
 * store writes a temporary file, fsyncs it, renames it over the old one and fsyncs the directory, so after a crash
 * the file holds either the old or the new fence, never a torn one, and a returned {@link #store} survives power
 * loss. A file that cannot be parsed is an error, never read as 0.
 *
 * <p>File names: {@code fence-<base64url of the UTF-8 id>}, or {@code fence-sha256-<hex>} for long ids.
 */
public final class FileFenceStore implements FenceStore {
  private static final int MAX_PLAIN_NAME = 180;

  private final Path dir;

  /** Uses {@code dir}, creating it if needed. */
  public FileFenceStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("fence store: cannot create " + dir, e);
    }
  }

  @Override
  public long load(String resourceId) {
    Path file = fileOf(resourceId);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("fence store: cannot read " + file, e);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new UncheckedIOException("fence store: " + file + " does not hold a fence: '" + text + "'",
          new IOException(e));
    }
  }

  @Override
  public void store(String resourceId, long fence) {
    Path file = fileOf(resourceId);
    Path tmp = dir.resolve(file.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap((fence + "\n").getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true); // the rename itself must survive a crash
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the failure that matters is reported below
      }
      throw new UncheckedIOException("fence store: cannot write " + file, e);
    }
  }

  /** The directory holding the files. */
  public Path directory() {
    return dir;
  }

  Path fileOf(String resourceId) {
    byte[] id = resourceId.getBytes(StandardCharsets.UTF_8);
    String plain = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    if (plain.length() <= MAX_PLAIN_NAME) {
      return dir.resolve("fence-" + plain);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(id);
      return dir.resolve("fence-sha256-" + HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
