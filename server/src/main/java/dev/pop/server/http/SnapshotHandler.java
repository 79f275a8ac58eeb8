package dev.pop.server.http;

import dev.pop.client.ErrorCode;
import dev.pop.client.PopClient;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.snapshot.SnapshotArchive;
import dev.pop.client.snapshot.SnapshotDownload;
import dev.pop.client.snapshot.SnapshotManifest;
import dev.pop.server.apply.ReplicatedStore;
import dev.pop.server.store.StoreImage;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code GET|POST /v1/snapshot}: streams a consistent point-in-time backup of this member's store (see
 * {@link SnapshotArchive}). First a linearizable read and a wait until this member applied as far, so the backup
 * holds every write acknowledged before the request; then a RocksDB checkpoint (consistent at one applied index), packed into a zip under
 * {@code <data-dir>/backups/} and sent with its SHA-256 in {@value SnapshotDownload#SHA256_HEADER}; the zip is deleted
 * once sent. An admin call: it needs the bearer token when one is configured.
 */
final class SnapshotHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotHandler.class);
  private static final long BARRIER_TIMEOUT_NANOS = 10_000_000_000L;

  private final LocalMember member;
  private final PopClient client;
  private final AdminAuth auth;

  SnapshotHandler(LocalMember member, PopClient client, AdminAuth auth) {
    this.member = member;
    this.client = client;
    this.auth = auth;
  }

  void save(Context ctx) throws IOException {
    final String op = "snapshot";
    auth.check(ctx, op);
    awaitAcknowledgedWrites(op);
    final Path work = member.config().dataDir().resolve("backups");
    Files.createDirectories(work);
    final String name = "snapshot-" + UUID.randomUUID();
    final Path checkpoint = work.resolve(name);
    final Path zip = work.resolve(name + ".zip");
    try {
      final ReplicatedStore store = member.stateMachine().store();
      try {
        store.checkpoint(checkpoint);
      } catch (IllegalStateException e) {
        throw new ApiException(ErrorCode.UNAVAILABLE, 503, op + ": the store is being replaced (snapshot install "
            + "from the leader); retry in a moment");
      }
      final StoreImage.Description d = StoreImage.describe(checkpoint);
      final SnapshotManifest manifest = new SnapshotManifest(SnapshotManifest.FORMAT, member.id(),
          System.currentTimeMillis(), d.appliedIndex(), d.revision(), d.keys(), SnapshotArchive.describeFiles(checkpoint));
      try (OutputStream out = Files.newOutputStream(zip)) {
        SnapshotArchive.write(checkpoint, manifest, out);
      }
      final String sha = sha256(zip);
      LOG.info("backup of {} at revision {} (index {}, {} keys): {} bytes, sha256 {}", member.id(), d.revision(),
          d.appliedIndex(), d.keys(), Files.size(zip), sha);
      ctx.header(SnapshotDownload.SHA256_HEADER, sha);
      ctx.header("X-Pop-Snapshot-Revision", Long.toString(d.revision()));
      ctx.header("X-Pop-Snapshot-Applied-Index", Long.toString(d.appliedIndex()));
      ctx.header("Content-Disposition",
          "attachment; filename=\"pop-" + member.id() + "-rev" + d.revision() + ".zip\"");
      ctx.header("Content-Length", Long.toString(Files.size(zip)));
      ctx.contentType("application/zip");
      ctx.result(new DeleteOnClose(zip));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(zip);
      throw e;
    } finally {
      deleteRecursively(checkpoint);
    }
  }

  /**
   * A linearizable read (on the leader) tells which applied index reflects every write acknowledged so far; this
   * member then waits until it has applied that far.
   */
  private void awaitAcknowledgedWrites(String op) {
    final long target = client.kv().get(new byte[] {0}, GetOptions.builder().countOnly(true).build())
        .header().appliedIndex();
    final long deadline = System.nanoTime() + BARRIER_TIMEOUT_NANOS;
    while (member.stateMachine().store().appliedIndex() < target) {
      if (System.nanoTime() > deadline) {
        throw new ApiException(ErrorCode.UNAVAILABLE, 503, op + ": " + member.id() + " did not apply up to index "
            + target + " within 10 s; it is lagging: take the backup from another member");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(ErrorCode.UNAVAILABLE, 503, op + ": interrupted");
      }
    }
  }

  private static String sha256(Path file) throws IOException {
    final MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The zip as the response body; deleted once sent (or once the client went away). */
  private static final class DeleteOnClose extends FilterInputStream {
    private final Path file;

    DeleteOnClose(Path file) throws IOException {
      super(Files.newInputStream(file));
      this.file = file;
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }
}
