package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import dev.pop.cli.Fixtures;
import dev.pop.client.CompactedException;
import dev.pop.client.Consistency;
import dev.pop.client.UnavailableException;
import dev.pop.client.kv.GetOptions;
import org.junit.jupiter.api.Test;

class GetCommandTest {

  private final CliHarness cli = new CliHarness();

  @Test
  void printsKeyThenValue() {
    Run run = cli.run("get", "k");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("k\nv\n", run.out());
    assertEquals("get", cli.client.kv.lastCall().op());
    assertEquals("k", cli.client.kv.lastCall().keyText());
  }

  @Test
  void printsTheSpecJsonDocument() {
    Run run = cli.run("get", "k", "-o", "json");
    assertEquals(
        "{\"key\":\"k\",\"value\":\"v\",\"createRevision\":3,\"modRevision\":7,\"version\":2,"
            + "\"lease\":0,\"revision\":9}\n",
        run.out());
  }

  @Test
  void missingKeyIsNotFoundExit3() {
    cli.client.kv.getResult = Fixtures.emptyGetResult(9);
    Run run = cli.run("get", "k");
    assertEquals(3, run.exitCode());
    assertEquals("", run.out());
    assertEquals("Error: NOT_FOUND: get: key \"k\" not found\n", run.err());
  }

  @Test
  void emptyPrefixIsNotAnError() {
    cli.client.kv.getResult = Fixtures.emptyGetResult(9);
    Run run = cli.run("get", "app/", "--prefix");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.out());
  }

  @Test
  void prefixPrintsOneJsonDocumentPerLine() {
    cli.client.kv.getResult =
        Fixtures.getResult(
            12, Fixtures.kv("app/a", "1", 3, 3, 1, 0), Fixtures.kv("app/b", "2", 4, 11, 3, 7587));
    Run run = cli.run("get", "app/", "--prefix", "--limit", "2", "-o", "json");
    assertEquals(0, run.exitCode(), run.err());
    GetOptions options = (GetOptions) cli.client.kv.lastCall().options();
    assertTrue(options.prefix());
    assertEquals(2, options.limit());
    assertEquals(
        "{\"key\":\"app/a\",\"value\":\"1\",\"createRevision\":3,\"modRevision\":3,\"version\":1,"
            + "\"lease\":0,\"revision\":12}\n"
            + "{\"key\":\"app/b\",\"value\":\"2\",\"createRevision\":4,\"modRevision\":11,\"version\":3,"
            + "\"lease\":7587,\"revision\":12}\n",
        run.out());
  }

  @Test
  void emptyKeyNeedsPrefix() {
    assertEquals(2, cli.run("get", "").exitCode());
    assertEquals(0, cli.run("get", "", "--prefix").exitCode());
  }

  @Test
  void negativeRevisionIsAUsageError() {
    Run run = cli.run("get", "k", "--rev", "-1");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("Error: INVALID_ARGUMENT: "), run.err());
    assertTrue(run.err().contains("--rev"), run.err());
    assertEquals(1, run.err().lines().count());
    assertEquals(0, cli.connections);
  }

  @Test
  void negativeOrMalformedLimitIsAUsageError() {
    assertEquals(2, cli.run("get", "k", "--prefix", "--limit", "-3").exitCode());
    assertEquals(2, cli.run("get", "k", "--limit", "many").exitCode());
    assertEquals(2, cli.run("get", "k", "--rev", "1.5").exitCode());
  }

  @Test
  void acceptsRevisionAndSerializable() {
    Run run = cli.run("get", "k", "--rev", "5", "--serializable");
    assertEquals(0, run.exitCode(), run.err());
    GetOptions options = (GetOptions) cli.client.kv.lastCall().options();
    assertEquals(5, options.revision());
    assertEquals(Consistency.SERIALIZABLE, options.consistency());
    assertFalse(options.prefix());
  }

  @Test
  void defaultsToALinearizableReadOfTheLatestRevision() {
    cli.run("get", "k");
    GetOptions options = (GetOptions) cli.client.kv.lastCall().options();
    assertEquals(0, options.revision());
    assertEquals(0, options.limit());
    assertEquals(Consistency.LINEARIZABLE, options.consistency());
  }

  @Test
  void unavailableIsExit4WithTheSdkMessage() {
    cli.client.kv.failure =
        new UnavailableException(
            "get: no leader reachable (tried 127.0.0.1:7701); a majority of members is needed");
    Run run = cli.run("get", "k");
    assertEquals(4, run.exitCode());
    assertEquals(
        "Error: UNAVAILABLE: get: no leader reachable (tried 127.0.0.1:7701); "
            + "a majority of members is needed\n",
        run.err());
  }

  @Test
  void compactedRevisionIsExit1() {
    cli.client.kv.failure = new CompactedException("get: revision 2 is compacted (oldest 40)", 40);
    Run run = cli.run("get", "k", "--rev", "2");
    assertEquals(1, run.exitCode());
    assertEquals("Error: COMPACTED: get: revision 2 is compacted (oldest 40)\n", run.err());
  }
}
