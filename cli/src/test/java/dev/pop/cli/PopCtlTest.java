package dev.pop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CliHarness.Run;
import dev.pop.client.InvalidArgumentException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Option parsing and usage errors; the commands' own behaviour is tested per command. */
class PopCtlTest {

  private final CliHarness cli = new CliHarness();

  @Test
  void defaultsEndpointTimeoutAndFormat() {
    Run run = cli.run("put", "k", "v");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of("127.0.0.1:7701"), cli.connectedEndpoints);
    assertEquals(Duration.ofSeconds(5), cli.connectedTimeout);
    assertEquals("OK\n", run.out());
    assertTrue(cli.client.closed);
  }

  @Test
  void endpointsComeFromTheEnvironmentWhenNotGiven() {
    cli.env.put("POP_ENDPOINTS", "10.0.0.1:7701, 10.0.0.2:7701,");
    cli.run("get", "k");
    assertEquals(List.of("10.0.0.1:7701", "10.0.0.2:7701"), cli.connectedEndpoints);
  }

  @Test
  void endpointsFlagWinsOverTheEnvironment() {
    cli.env.put("POP_ENDPOINTS", "10.0.0.1:7701");
    cli.run("get", "k", "--endpoints", "127.0.0.1:7701,127.0.0.1:7702,127.0.0.1:7703");
    assertEquals(
        List.of("127.0.0.1:7701", "127.0.0.1:7702", "127.0.0.1:7703"), cli.connectedEndpoints);
  }

  @Test
  void globalOptionsWorkBeforeOrAfterTheCommand() {
    Run before = cli.run("-o", "json", "--timeout", "500ms", "put", "k", "v");
    assertEquals("{\"revision\":5}\n", before.out());
    assertEquals(Duration.ofMillis(500), cli.connectedTimeout);

    Run after = cli.run("put", "k", "v", "--output", "JSON", "--timeout", "2m");
    assertEquals("{\"revision\":5}\n", after.out());
    assertEquals(Duration.ofMinutes(2), cli.connectedTimeout);
  }

  @Test
  void plainTimeoutIsSeconds() {
    cli.run("status", "--timeout", "2");
    assertEquals(Duration.ofSeconds(2), cli.connectedTimeout);
  }

  @Test
  void unknownCommandIsAUsageError() {
    Run run = cli.run("frobnicate");
    assertUsageError(run);
    assertTrue(run.err().contains("frobnicate"), run.err());
  }

  @Test
  void noCommandIsAUsageError() {
    assertUsageError(cli.run());
  }

  @Test
  void unknownOptionIsAUsageError() {
    Run run = cli.run("get", "k", "--bogus");
    assertUsageError(run);
    assertTrue(run.err().contains("'popctl get --help'"), run.err());
  }

  @Test
  void badOutputFormatIsAUsageError() {
    assertUsageError(cli.run("get", "k", "-o", "yaml"));
  }

  @Test
  void badTimeoutIsAUsageError() {
    Run run = cli.run("get", "k", "--timeout", "soon");
    assertUsageError(run);
    assertTrue(run.err().contains("soon"), run.err());
    assertUsageError(cli.run("get", "k", "--timeout", "0s"));
  }

  @Test
  void missingArgumentIsAUsageError() {
    assertUsageError(cli.run("put"));
    assertUsageError(cli.run("get"));
  }

  @Test
  void sdkRejectingTheEndpointsIsExit2() {
    cli.connectFailure = new InvalidArgumentException("endpoints: 'nohost' is not host:port");
    Run run = cli.run("get", "k", "--endpoints", "nohost");
    assertEquals(2, run.exitCode());
    assertEquals("Error: INVALID_ARGUMENT: endpoints: 'nohost' is not host:port\n", run.err());
  }

  @Test
  void helpAndVersionSucceed() {
    Run help = cli.run("--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("Exit codes:"), help.out());
    assertEquals(0, cli.run("get", "--help").exitCode());
    assertEquals(0, cli.run("help", "put").exitCode());
    Run version = cli.run("--version");
    assertEquals(0, version.exitCode());
    assertTrue(version.out().startsWith("popctl "), version.out());
    assertEquals(0, cli.connections);
  }

  private void assertUsageError(Run run) {
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("Error: INVALID_ARGUMENT: "), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
    assertEquals("", run.out());
    assertEquals(0, cli.connections, "a usage error must not contact the cluster");
  }
}
