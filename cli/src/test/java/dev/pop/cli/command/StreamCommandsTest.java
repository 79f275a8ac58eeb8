package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import dev.pop.client.CompactedException;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.watch.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** popctl watch, log append/read/trim and compact: output formats, exit codes, bad arguments. */
class StreamCommandsTest {
  private final CliHarness cli = new CliHarness();
  private final StopSignal stop = StopSignal.manual();

  @AfterEach
  void restore() {
    StopSignal.SOURCE = StopSignal::fromProcessSignals;
  }

  private static KeyValue kv(String key, String value, long rev) {
    return new KeyValue(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), rev, rev, 1, 0);
  }

  @Test
  void logAppendReadTrimRoundTrip() {
    assertEquals("1\n", cli.run("log", "append", "orders", "first").out());
    assertEquals("{\"stream\":\"orders\",\"seq\":2}\n",
        cli.run("log", "append", "orders", "second", "--expect-seq", "2", "-o", "json").out());
    Run conflict = cli.run("log", "append", "orders", "late", "--expect-seq", "2");
    assertEquals(5, conflict.exitCode());
    assertTrue(conflict.err().contains("next seq is 3"), conflict.err());
    assertEquals("1 first\n2 second\n", cli.run("log", "read", "orders").out());
    Run json = cli.run("log", "read", "orders", "--from", "2", "-o", "json");
    assertTrue(json.out().startsWith("{\"seq\":2,\"data\":\"second\""), json.out());
    assertEquals("1 first\n", cli.run("log", "read", "orders", "--limit", "1").out());
    assertEquals("trimmed orders: first kept seq is 2\n", cli.run("log", "trim", "orders", "1").out());
    assertEquals("2 second\n", cli.run("log", "read", "orders").out());
  }

  @Test
  void logBadInputAndUnknownStreams() {
    assertEquals(3, cli.run("log", "read", "nope").exitCode());
    assertEquals(2, cli.run("log", "append", "", "x").exitCode());
    assertEquals(2, cli.run("log", "append", "s", "x", "--expect-seq", "0").exitCode());
    assertEquals(2, cli.run("log", "trim", "s", "0").exitCode());
    assertEquals(2, cli.run("log", "read", "s", "--from", "-1").exitCode());
    assertEquals(2, cli.run("log").exitCode());
    assertTrue(cli.client.streams.streams.isEmpty(), "nothing was appended");
  }

  @Test
  void followPrintsUntilStopped() throws Exception {
    StopSignal.SOURCE = () -> stop;
    cli.client.streams.append("tail", "a".getBytes(StandardCharsets.UTF_8));
    CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> cli.run("log", "read", "tail", "--follow"));
    Thread.sleep(200);
    cli.client.streams.append("tail", "b".getBytes(StandardCharsets.UTF_8));
    Thread.sleep(300);
    stop.stop("SIGINT");
    Run r = run.get(10, TimeUnit.SECONDS);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("1 a\n2 b\n", r.out());
  }

  @Test
  void watchPrintsEachEventAsALineUntilStopped() throws Exception {
    StopSignal.SOURCE = () -> stop;
    cli.client.streams.events.add(new WatchEvent(WatchEvent.Type.PUT, kv("app/k1", "v1", 12), null));
    cli.client.streams.events.add(new WatchEvent(WatchEvent.Type.DELETE, kv("app/k1", "", 13), null));
    CompletableFuture<Run> run = CompletableFuture.supplyAsync(
        () -> cli.run("watch", "app/", "--prefix", "--rev", "5", "-o", "json"));
    Thread.sleep(300);
    stop.stop("SIGINT");
    Run r = run.get(10, TimeUnit.SECONDS);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("{\"type\":\"PUT\",\"key\":\"app/k1\",\"value\":\"v1\",\"modRevision\":12}\n"
        + "{\"type\":\"DELETE\",\"key\":\"app/k1\",\"modRevision\":13}\n", r.out());
    assertEquals("watch app/ prefix from 5", cli.client.streams.calls.get(0));
  }

  @Test
  void aCompactedWatchExitsWithItsError() {
    cli.client.streams.cancelWith = new CompactedException("watch key \"k\": required revision 2 has been compacted,"
        + " compact revision is 7", 7);
    Run r = cli.run("watch", "k", "--rev", "2");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("has been compacted"), r.err());
    assertEquals(2, cli.run("watch", "k", "--rev", "0").exitCode());
    assertEquals(2, cli.run("watch", "").exitCode());
  }

  @Test
  void compactPrintsTheNewCompactionPoint() {
    assertEquals("compacted at revision 7\n", cli.run("compact", "7").out());
    assertEquals(7, cli.client.kv.compactedAt);
    assertEquals("{\"compactRevision\":7}\n", cli.run("compact", "7", "-o", "json").out());
    assertEquals(2, cli.run("compact", "0").exitCode());
    Run future = cli.run("compact", "99");
    assertEquals(2, future.exitCode());
    assertTrue(future.err().contains("future revision"), future.err());
  }
}
