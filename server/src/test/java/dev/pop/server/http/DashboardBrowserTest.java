package dev.pop.server.http;

import dev.pop.client.PopClient;
import dev.pop.server.MiniPopCluster;
import dev.pop.server.apply.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard ({@code GET /}) in headless Chromium against a 3-member cluster: the rendered page lists every member
 * with its role, the leader and the store counters. Leaves a screenshot in {@code target/dashboard-3-members.png}.
 * Skipped where no Chromium is installed (Debian: {@code apt-get install chromium}; or set POP_CHROMIUM).
 */
class DashboardBrowserTest {
  @TempDir
  Path dir;

  @Test
  void showsMembersLeaderAndCounters() throws Exception {
    final String chromium = chromium();
    assumeTrue(chromium != null, "no chromium installed");
    try (MiniPopCluster cluster = new MiniPopCluster(dir.resolve("c"), 3, MiniPopCluster.FAST, Limits.DEFAULT, true,
        null);
         PopClient client = PopClient.builder().endpoints(cluster.endpoints()).build()) {
      final String leader = cluster.awaitLeader(Duration.ofSeconds(30));
      for (int i = 0; i < 7; i++) {
        client.kv().put("dash/k" + i, "v" + i);
      }
      final long lease = client.leases().grant(Duration.ofSeconds(60)).id();
      final String follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
      MiniPopCluster.await(() -> cluster.revision(follower) == cluster.revision(leader), Duration.ofSeconds(10),
          "the follower to apply everything");
      final String url = "http://" + cluster.httpAddress(follower) + "/";

      final String dom = run(chromium, "--dump-dom", url);
      for (String id : cluster.ids()) {
        assertTrue(dom.contains("data-member=\"" + id + "\""), () -> "no row for " + id + " in\n" + dom);
      }
      assertTrue(dom.contains("<b id=\"leader\">" + leader + "</b>"), dom);
      assertTrue(dom.contains("<b id=\"self\">" + follower + " (FOLLOWER)</b>"), dom);
      assertEquals(1, count(dom, "class=\"role LEADER\""), dom);
      assertEquals(2, count(dom, "class=\"role FOLLOWER\""), dom);
      assertTrue(dom.contains("id=\"keys\">7<"), dom);
      assertTrue(dom.contains("id=\"leases\">1<"), () -> "lease " + lease + " not shown: " + dom);
      assertTrue(dom.contains("id=\"revision\">" + cluster.revision(follower) + "<"), dom);
      assertTrue(dom.contains("<div id=\"error\" style=\"display: none;\"></div>"), "no error banner: " + dom);

      final Path png = Path.of("target", "dashboard-3-members.png").toAbsolutePath();
      Files.deleteIfExists(png);
      run(chromium, "--screenshot=" + png, "--window-size=1280,640", url);
      assertTrue(Files.size(png) > 10_000, "screenshot written: " + png);
    }
  }

  private static String run(String chromium, String... args) throws IOException, InterruptedException {
    final List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--hide-scrollbars", "--virtual-time-budget=4000"));
    cmd.addAll(List.of(args));
    final Path out = Files.createTempFile("chromium", ".out");
    final Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish: " + cmd);
    }
    final String text = Files.readString(out, StandardCharsets.UTF_8);
    Files.delete(out);
    return text;
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static String chromium() {
    final String env = System.getenv("POP_CHROMIUM");
    final List<String> candidates = new ArrayList<>();
    if (env != null && !env.isBlank()) {
      candidates.add(env);
    }
    candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
    return candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse(null);
  }
}
