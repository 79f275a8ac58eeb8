package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import dev.pop.cli.FakeKv.Call;
import dev.pop.cli.Fixtures;
import dev.pop.client.NoSpaceException;
import dev.pop.client.UnknownOutcomeException;
import dev.pop.client.kv.PutOptions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PutCommandTest {

  private final CliHarness cli = new CliHarness();

  @Test
  void putsKeyAndValueAndPrintsOk() {
    Run run = cli.run("put", "app/k", "héllo");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("OK\n", run.out());
    assertEquals("", run.err());
    Call call = cli.client.kv.lastCall();
    assertEquals("put", call.op());
    assertEquals("app/k", call.keyText());
    assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), call.value());
    assertEquals(0, ((PutOptions) call.options()).lease());
  }

  @Test
  void passesTheLease() {
    cli.run("put", "k", "v", "--lease", "7587");
    assertEquals(7587, ((PutOptions) cli.client.kv.lastCall().options()).lease());
  }

  @Test
  void negativeLeaseIsAUsageError() {
    Run run = cli.run("put", "k", "v", "--lease", "-1");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("Error: INVALID_ARGUMENT: "), run.err());
    assertEquals(0, cli.connections);
  }

  @Test
  void emptyKeyIsAUsageError() {
    assertEquals(2, cli.run("put", "", "v").exitCode());
  }

  @Test
  void withoutValueReadsStdinAsBytes() {
    cli.stdin = Fixtures.BINARY;
    assertEquals(0, cli.run("put", "bin").exitCode());
    assertArrayEquals(Fixtures.BINARY, cli.client.kv.lastCall().value());
  }

  @Test
  void valueAfterDoubleDashMayLookLikeAnOption() {
    assertEquals(0, cli.run("put", "k", "--", "-5").exitCode());
    assertArrayEquals("-5".getBytes(StandardCharsets.UTF_8), cli.client.kv.lastCall().value());
  }

  @Test
  void printsJsonAndTable() {
    cli.client.kv.putResult = Fixtures.putResult(12);
    assertEquals("{\"revision\":12}\n", cli.run("put", "k", "v", "-o", "json").out());
    assertEquals("REVISION\n12\n", cli.run("put", "k", "v", "-o", "table").out());
  }

  @Test
  void unknownOutcomeIsExit4AndSaysSo() {
    cli.client.kv.failure = new UnknownOutcomeException("put: deadline passed after the write was sent");
    Run run = cli.run("put", "k", "v");
    assertEquals(4, run.exitCode());
    assertEquals("", run.out());
    assertEquals("Error: UNKNOWN_OUTCOME: put: deadline passed after the write was sent\n", run.err());
    assertTrue(cli.client.closed);
  }

  @Test
  void noSpaceIsExit6() {
    cli.client.kv.failure = new NoSpaceException("put: store quota of 2 GiB reached");
    assertEquals(6, cli.run("put", "k", "v").exitCode());
  }
}
