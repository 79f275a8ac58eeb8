package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import org.junit.jupiter.api.Test;

/** popctl bench append: every measured request is an append to the one bench stream, with dense seqs. */
class BenchStreamsTest {
  private final CliHarness cli = new CliHarness();

  @Test
  void appendBenchAppendsToOneStream() {
    Run run = cli.run("bench", "append", "--clients", "4", "--total", "40", "--warmup", "0s", "-o", "json");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("{\"workload\":\"append\",\"ops\":40,"), run.out());
    var entries = cli.client.streams.streams.get("bench/stream");
    assertEquals(40, entries.size(), "one append per request");
    for (int i = 0; i < entries.size(); i++) {
      assertEquals(i + 1, entries.get(i).seq());
    }
  }
}
