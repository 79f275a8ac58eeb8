package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import dev.pop.cli.Fixtures;
import dev.pop.client.UnauthorizedException;
import dev.pop.client.kv.DeleteOptions;
import org.junit.jupiter.api.Test;

class DeleteCommandTest {

  private final CliHarness cli = new CliHarness();

  @Test
  void printsTheCount() {
    cli.client.kv.deleteResult = Fixtures.deleteResult(3, 20);
    Run run = cli.run("del", "app/", "--prefix");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("3\n", run.out());
    assertEquals("delete", cli.client.kv.lastCall().op());
    assertEquals("app/", cli.client.kv.lastCall().keyText());
    assertTrue(((DeleteOptions) cli.client.kv.lastCall().options()).prefix());
  }

  @Test
  void deletingNothingIsNotAnError() {
    cli.client.kv.deleteResult = Fixtures.deleteResult(0, 20);
    Run run = cli.run("delete", "missing");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("0\n", run.out());
  }

  @Test
  void printsJsonAndTable() {
    cli.client.kv.deleteResult = Fixtures.deleteResult(2, 21);
    assertEquals("{\"deleted\":2,\"revision\":21}\n", cli.run("del", "k", "-o", "json").out());
    assertEquals("DELETED   REVISION\n2         21\n", cli.run("del", "k", "-o", "table").out());
  }

  @Test
  void emptyKeyWithoutPrefixIsAUsageError() {
    assertEquals(2, cli.run("del", "").exitCode());
    assertEquals(0, cli.connections);
  }

  @Test
  void unauthorizedIsExit7() {
    cli.client.kv.failure = new UnauthorizedException("del: admin token required");
    assertEquals(7, cli.run("del", "k").exitCode());
  }
}
