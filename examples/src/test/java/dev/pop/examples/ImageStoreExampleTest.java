package dev.pop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.server.PopServer;
import dev.pop.server.ServerConfig;
import dev.pop.server.apply.Limits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image-store flow against a real 3-member cluster started in this JVM. */
class ImageStoreExampleTest {
  @TempDir
  Path dir;

  @Test
  void theFlowHoldsEveryPromise() throws Exception {
    Map<String, String> peers = new LinkedHashMap<>();
    for (int i = 1; i <= 3; i++) {
      peers.put("n" + i, "127.0.0.1:" + freePort());
    }
    List<PopServer> servers = new ArrayList<>();
    try {
      for (Map.Entry<String, String> p : peers.entrySet()) {
        String[] hp = p.getValue().split(":");
        servers.add(PopServer.start(new ServerConfig(p.getKey(), dir.resolve(p.getKey()),
            new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), null, peers, false, Limits.DEFAULT,
            ServerConfig.Tuning.DEFAULT, false)));
      }
      List<String> log = new CopyOnWriteArrayList<>();
      boolean ok = ImageStoreDemo.run(new ArrayList<>(peers.values()), log::add);
      assertTrue(ok, String.join("\n", log));
      assertTrue(log.stream().anyMatch(l -> l.startsWith("stale writer refused")), String.join("\n", log));
      assertTrue(log.contains("coordinator 1 died during the thumbnail step"), String.join("\n", log));
      // every step's effect happened once per node, the store step before the crash included
      assertEquals(1, log.stream().filter(l -> l.startsWith("node-a: stored ")).count(), String.join("\n", log));
      assertEquals(1, log.stream().filter(l -> l.startsWith("node-a: thumbnail of ")).count());
      assertEquals(1, log.stream().filter(l -> l.startsWith("node-a: published ")).count());
    } finally {
      for (PopServer s : servers) {
        s.close();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
