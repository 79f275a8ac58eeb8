package dev.pop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.PopClient;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.saga.SagaState;
import dev.pop.server.PopServer;
import dev.pop.server.ServerConfig;
import dev.pop.server.apply.Limits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saga coordinator process is killed with SIGKILL in step 3; another coordinator finishes the saga. */
class SagaKillTest {
  @TempDir
  Path dir;

  @Test
  void aSigkilledCoordinatorsSagaIsFinishedByAnotherWithEachEffectOnce() throws Exception {
    Map<String, String> peers = new LinkedHashMap<>();
    for (int i = 1; i <= 3; i++) {
      peers.put("n" + i, "127.0.0.1:" + freePort());
    }
    List<PopServer> servers = new ArrayList<>();
    Process coordinator = null;
    try {
      for (Map.Entry<String, String> p : peers.entrySet()) {
        String[] hp = p.getValue().split(":");
        servers.add(PopServer.start(new ServerConfig(p.getKey(), dir.resolve(p.getKey()),
            new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), null, peers, false, Limits.DEFAULT,
            ServerConfig.Tuning.DEFAULT, false)));
      }
      String endpoints = String.join(",", peers.values());
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      coordinator = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          SagaCoordinator.class.getName(), endpoints, "kill-me", "2")
          .redirectErrorStream(true).redirectOutput(dir.resolve("coordinator.log").toFile()).start();
      try (PopClient pop = PopClient.builder().endpoints(new ArrayList<>(peers.values())).build()) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!startedStep(pop, 2) && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertTrue(startedStep(pop, 2), "the coordinator never reached step 3");
        coordinator.destroyForcibly(); // SIGKILL: no cleanup, its lease runs out on the server
        coordinator.waitFor();
        assertEquals(SagaState.Status.RUNNING, pop.sagas().state("kill-me").status());

        SagaState done = pop.sagas().run(SagaCoordinator.definition(pop, -1, Duration.ZERO), "kill-me", null,
            Duration.ofSeconds(30));
        assertEquals(SagaState.Status.COMPLETED, done.status(), done.transitions().toString());
        List<KeyValue> effects = pop.kv().get("effects/kill-me/".getBytes(StandardCharsets.UTF_8),
            GetOptions.builder().prefix(true).build()).kvs();
        assertEquals(List.of("effects/kill-me/0/action", "effects/kill-me/1/action", "effects/kill-me/2/action"),
            effects.stream().map(KeyValue::keyUtf8).toList());
        for (KeyValue kv : effects) {
          assertEquals(1, kv.version(), kv.keyUtf8() + " written once");
        }
      }
    } finally {
      if (coordinator != null) {
        coordinator.destroyForcibly();
      }
      for (PopServer s : servers) {
        s.close();
      }
    }
  }

  private static boolean startedStep(PopClient pop, int step) {
    try {
      return pop.sagas().state("kill-me").started().contains(step);
    } catch (dev.pop.client.NotFoundException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

}
