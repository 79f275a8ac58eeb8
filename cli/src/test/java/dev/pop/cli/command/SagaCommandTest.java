package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import dev.pop.client.saga.SagaLog;
import org.junit.jupiter.api.Test;

class SagaCommandTest {
  private final CliHarness cli = new CliHarness();

  private void record(String id, byte[]... records) {
    for (byte[] r : records) {
      cli.client.streams.append(SagaLog.stream(id), r);
    }
  }

  @Test
  void listsSagasAndShowsTransitions() {
    record("a", SagaLog.started("upload", new byte[0]), SagaLog.step(SagaLog.Kind.STEP_STARTED, 0, "store"),
        SagaLog.step(SagaLog.Kind.STEP_DONE, 0, null), SagaLog.end(SagaLog.Kind.COMPLETED));
    record("b", SagaLog.started("upload", new byte[0]), SagaLog.step(SagaLog.Kind.STEP_STARTED, 0, "store"),
        SagaLog.step(SagaLog.Kind.STEP_FAILED, 0, "disk full"));
    cli.client.streams.append("orders", "not a saga".getBytes());
    assertEquals("a\tCOMPLETED\tupload\t1\t4\nb\tCOMPENSATING\tupload\t0\t3\n", cli.run("saga", "list").out());
    Run show = cli.run("saga", "show", "b");
    assertEquals("b\tCOMPENSATING\tupload\t0\t3\n1\tSTARTED upload \n2\tSTEP_STARTED 0 store\n3\tSTEP_FAILED 0 disk full\n",
        show.out());
    Run json = cli.run("saga", "show", "a", "-o", "json");
    assertTrue(json.out().startsWith("{\"id\":\"a\",\"definition\":\"upload\",\"status\":\"COMPLETED\""), json.out());
  }

  @Test
  void unknownSagasAndBadInput() {
    assertEquals(3, cli.run("saga", "show", "nope").exitCode());
    assertEquals(2, cli.run("saga", "show", "").exitCode());
    assertEquals(2, cli.run("saga").exitCode());
  }
}
