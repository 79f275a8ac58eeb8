package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import dev.pop.client.ClusterStatus;
import dev.pop.client.MemberStatus;
import dev.pop.client.Role;
import dev.pop.client.UnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

  private final CliHarness cli = new CliHarness();

  @Test
  void printsTheTable() {
    Run run = cli.run("status", "-o", "table");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        String.join(
            "\n",
            "ID   ADDRESS          ROLE          TERM   COMMIT   APPLIED   REVISION",
            "n1   127.0.0.1:7701   LEADER        2      40       40        17",
            "n2   127.0.0.1:7702   FOLLOWER      2      40       39        16",
            "n3   127.0.0.1:7703   UNREACHABLE   -      -        -         -",
            ""),
        run.out());
  }

  @Test
  void printsTheSpecJson() {
    Run run = cli.run("status", "-o", "json");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .startsWith(
                "{\"leader\":\"n1\",\"members\":[{\"id\":\"n1\",\"address\":\"127.0.0.1:7701\","
                    + "\"role\":\"LEADER\",\"term\":2,\"commitIndex\":40,\"appliedIndex\":40,"
                    + "\"revision\":17},"),
        run.out());
  }

  @Test
  void noMemberReachableIsUnavailableAfterPrinting() {
    cli.client.status =
        new ClusterStatus(
            null, List.of(new MemberStatus("n1", "127.0.0.1:7701", Role.UNREACHABLE, 0, 0, 0, 0)));
    Run run = cli.run("status", "-o", "json");
    assertEquals(4, run.exitCode());
    assertTrue(run.out().startsWith("{\"leader\":null,"), run.out());
    assertTrue(run.err().startsWith("Error: UNAVAILABLE: status: no member answered (tried 127.0.0.1:7701)"), run.err());
  }

  @Test
  void sdkFailureIsReported() {
    cli.client.statusFailure = new UnavailableException("status: no endpoint answered (tried 127.0.0.1:7701)");
    Run run = cli.run("status");
    assertEquals(4, run.exitCode());
    assertEquals("", run.out());
  }
}
