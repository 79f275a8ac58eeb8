package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pop.client.snapshot.SnapshotArchive;
import dev.pop.client.snapshot.SnapshotManifest;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCommandTest {
  @TempDir Path dir;
  private final FakeMembership cluster = new FakeMembership();

  private byte[] archive() throws Exception {
    Path store = dir.resolve("store-src");
    Files.createDirectories(store.resolve("sub"));
    Files.writeString(store.resolve("000001.sst"), "table bytes");
    Files.writeString(store.resolve("sub/CURRENT"), "MANIFEST-000001\n");
    SnapshotManifest m = new SnapshotManifest(SnapshotManifest.FORMAT, "n2", 1L, 40, 17, 5,
        SnapshotArchive.describeFiles(store));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotArchive.write(store, m, out);
    return out.toByteArray();
  }

  @Test
  void restoreChecksAndUnpacks() throws Exception {
    Path file = dir.resolve("b.zip");
    Files.write(file, archive());
    Path data = dir.resolve("data");
    FakeMembership.Run r = cluster.run("snapshot", "restore", file.toString(), "--data-dir", data.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("Restored revision 17 (5 keys, 2 files checked) from n2 into " + data), r.out());
    assertEquals("table bytes", Files.readString(data.resolve("store/000001.sst")));
    assertTrue(Files.exists(data.resolve(SnapshotArchive.RESTORE_MARKER)));

    FakeMembership.Run again = cluster.run("snapshot", "restore", file.toString(), "--data-dir", data.toString());
    assertEquals(2, again.exitCode());
    assertTrue(again.err().contains("not empty"), again.err());

    byte[] bytes = archive();
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("table bytes");
    bytes[at] = 'T';
    Files.write(file, bytes);
    FakeMembership.Run damaged = cluster.run("snapshot", "restore", file.toString(), "--data-dir",
        dir.resolve("other").toString(), "-o", "json");
    assertEquals(2, damaged.exitCode());
    assertTrue(damaged.err().startsWith("Error: INVALID_ARGUMENT: snapshot restore: "), damaged.err());
    assertTrue(damaged.err().contains("damaged"), damaged.err());
    assertTrue(Files.notExists(dir.resolve("other")));
  }

  @Test
  void saveDownloadsAndVerifies() throws Exception {
    byte[] zip = archive();
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
    String[] announced = {sha};
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/snapshot", ex -> {
      if (!"Bearer tok".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        byte[] body = "{\"error\":\"UNAUTHORIZED\",\"message\":\"snapshot: missing admin token\"}".getBytes();
        ex.sendResponseHeaders(401, body.length);
        ex.getResponseBody().write(body);
        ex.close();
        return;
      }
      ex.getResponseHeaders().add("X-Pop-Snapshot-Sha256", announced[0]);
      ex.sendResponseHeaders(200, zip.length);
      ex.getResponseBody().write(zip);
      ex.close();
    });
    server.start();
    try {
      String http = "127.0.0.1:" + server.getAddress().getPort();
      Path token = dir.resolve("token");
      Files.writeString(token, "tok\n");
      Path out = dir.resolve("saved.zip");
      FakeMembership.Run r = cluster.run("snapshot", "save", out.toString(), "--http", http,
          "--admin-token-file", token.toString(), "-o", "json");
      assertEquals(0, r.exitCode(), r.err());
      assertEquals("{\"file\":\"" + out + "\",\"bytes\":" + zip.length + ",\"sha256\":\"" + sha
          + "\",\"member\":\"n2\",\"revision\":17,\"keys\":5}\n", r.out());
      assertArrayEquals(zip, Files.readAllBytes(out));

      FakeMembership.Run noToken = cluster.run("snapshot", "save", dir.resolve("x.zip").toString(), "--http", http);
      assertEquals(7, noToken.exitCode(), noToken.err());
      assertEquals("Error: UNAUTHORIZED: snapshot: missing admin token\n", noToken.err());

      announced[0] = "00" + sha.substring(2);
      Path bad = dir.resolve("bad.zip");
      FakeMembership.Run damaged = cluster.run("snapshot", "save", bad.toString(), "--http", http,
          "--admin-token-file", token.toString());
      assertEquals(4, damaged.exitCode());
      assertTrue(damaged.err().contains("damaged"), damaged.err());
      assertTrue(Files.notExists(bad) && Files.notExists(dir.resolve("bad.zip.part")));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void saveFindsTheLeadersHttpAddress() {
    cluster.members.clear();
    cluster.members.add(new dev.pop.client.cluster.ClusterMember("n1", "127.0.0.1:7701", null, true));
    FakeMembership.Run r = cluster.run("snapshot", "save", dir.resolve("s.zip").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("pass --http HOST:PORT"), r.err());
  }

  @Test
  void progressBar() {
    assertEquals("snapshot: [###############...............] 50% 1.0 MiB / 2.0 MiB",
        TransferProgress.line(1 << 20, 2 << 20));
    assertEquals("snapshot: 3.0 MiB received", TransferProgress.line(3 << 20, -1));
  }
}
