package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import org.junit.jupiter.api.Test;

class IncrCommandTest {

  private final CliHarness cli = new CliHarness();

  @Test
  void incrementsWithBoundsAndPrintsTheNewValue() {
    Run run = cli.run("incr", "downloads-left", "-1", "--min", "0");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("9\n", run.out());
    assertEquals("increment downloads-left -1 0 null", cli.client.coordination.calls.get(0));
  }

  @Test
  void printsJson() {
    Run run = cli.run("incr", "hits", "5", "--max", "100", "-o", "json");
    assertEquals("{\"key\":\"hits\",\"value\":15,\"revision\":11}\n", run.out());
    assertEquals("increment hits 5 null 100", cli.client.coordination.calls.get(0));
  }

  @Test
  void badArgumentsAreUsageErrors() {
    Run inverted = cli.run("incr", "k", "1", "--min", "5", "--max", "1");
    assertEquals(2, inverted.exitCode());
    assertTrue(inverted.err().contains("--min 5 is above --max 1"), inverted.err());
    assertEquals(2, cli.run("incr", "k", "one").exitCode());
    assertEquals(2, cli.run("incr", "", "1").exitCode());
    assertEquals(0, cli.connections);
  }
}
