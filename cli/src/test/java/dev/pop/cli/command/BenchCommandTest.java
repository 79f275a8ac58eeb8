package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import dev.pop.cli.FakeKv.Call;
import dev.pop.client.Consistency;
import dev.pop.client.UnavailableException;
import dev.pop.client.kv.GetOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

  private final CliHarness cli = new CliHarness();

  private List<Call> calls() {
    synchronized (cli.client.kv.calls) {
      return new ArrayList<>(cli.client.kv.calls);
    }
  }

  @Test
  void putPrintsTheSpecJsonDocument() throws Exception {
    Run run = cli.run("bench", "put", "--total", "20", "-o", "json");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.err());
    assertEquals(1, run.out().lines().count(), run.out());
    JsonNode doc = new ObjectMapper().readTree(run.out());
    List<String> fields = new ArrayList<>();
    doc.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("workload", "ops", "opsPerSec", "p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs", "errors",
        "clients", "conns", "valueSize", "keys", "durationSec", "errorsByCode"), fields);
    assertEquals("put", doc.get("workload").asText());
    assertEquals(20, doc.get("ops").asLong());
    assertEquals(0, doc.get("errors").asLong());
    assertEquals(1, doc.get("clients").asInt());
    assertEquals(1, doc.get("conns").asInt());
    assertEquals(256, doc.get("valueSize").asInt());
    assertEquals(10_000, doc.get("keys").asInt());
    assertTrue(doc.get("opsPerSec").asDouble() > 0, run.out());
    assertTrue(doc.get("maxMs").asDouble() >= doc.get("p50Ms").asDouble(), run.out());
  }

  @Test
  void putsRandomValuesOfTheValueSizeUnderBenchKeys() {
    Run run = cli.run("bench", "put", "--total", "30", "--value-size", "100", "--keys", "5");
    assertEquals(0, run.exitCode(), run.err());
    List<Call> calls = calls();
    assertEquals(30, calls.size());
    Set<String> keys = new TreeSet<>();
    for (Call call : calls) {
      assertEquals("put", call.op());
      assertEquals(100, call.value().length);
      keys.add(call.keyText());
    }
    assertTrue(Set.of("bench/key-00000000", "bench/key-00000001", "bench/key-00000002", "bench/key-00000003",
        "bench/key-00000004").containsAll(keys), keys.toString());
    assertTrue(run.out().startsWith("put: 1 client over 1 connection, 100-byte values, 5 keys, "), run.out());
    assertTrue(run.out().contains("\nOPS "), run.out());
  }

  @Test
  void spreadsClientsOverConns() {
    Run run = cli.run("bench", "put", "--clients", "6", "--conns", "3", "--total", "60", "-o", "json");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(3, cli.connections);
    assertEquals(60, calls().size());
    assertTrue(run.out().contains("\"clients\":6,\"conns\":3"), run.out());
  }

  @Test
  void getWritesEveryKeyFirstThenReadsLinearizably() {
    Run run = cli.run("bench", "get", "--keys", "7", "--total", "10", "--clients", "2");
    assertEquals(0, run.exitCode(), run.err());
    List<Call> calls = calls();
    assertEquals(17, calls.size());
    Set<String> filled = new TreeSet<>();
    for (Call call : calls.subList(0, 7)) {
      assertEquals("put", call.op());
      filled.add(call.keyText());
    }
    assertEquals(7, filled.size());
    for (Call call : calls.subList(7, 17)) {
      assertEquals("get", call.op());
      assertEquals(Consistency.LINEARIZABLE, ((GetOptions) call.options()).consistency());
    }
  }

  @Test
  void getSerializableAndGetWithSerializableReadLocally() {
    assertEquals(0, cli.run("bench", "get-serializable", "--keys", "3", "--total", "5").exitCode());
    assertEquals(Consistency.SERIALIZABLE, ((GetOptions) cli.client.kv.lastCall().options()).consistency());
    assertTrue(cli.run("bench", "get", "--keys", "3", "--total", "5", "--serializable", "-o", "json").out()
        .contains("\"workload\":\"get-serializable\""));
    assertEquals(Consistency.SERIALIZABLE, ((GetOptions) cli.client.kv.lastCall().options()).consistency());
  }

  @Test
  void durationBoundsTheRun() {
    long start = System.nanoTime();
    Run run = cli.run("bench", "put", "--duration", "300ms", "--warmup", "100ms", "-o", "json");
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(tookMs >= 400 && tookMs < 5_000, "took " + tookMs + " ms");
    assertTrue(run.out().contains("\"durationSec\":0.3"), run.out());
  }

  @Test
  void anUnreachableClusterIsExit4WithOneLine() {
    cli.client.kv.failure = new UnavailableException(
        "put: no leader reachable (tried 127.0.0.1:7701); a majority of members is needed");
    Run run = cli.run("bench", "put", "--duration", "200ms");
    assertEquals(4, run.exitCode());
    assertEquals("", run.out());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("Error: UNAVAILABLE: bench put: no request succeeded in "), run.err());
  }

  @Test
  void helpExplainsTheClosedLoop() {
    Run run = cli.run("bench", "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("coordinated omission"), run.out());
    assertTrue(run.out().contains("--value-size"), run.out());
    assertEquals(0, cli.connections);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "bench",
    "bench frobnicate",
    "bench lock --names 0",
    "bench txn --keys 10000001",
    "bench put --clients 0",
    "bench put --clients -3",
    "bench put --clients many",
    "bench put --clients 100001",
    "bench put --conns 0",
    "bench put --clients 4 --conns 5",
    "bench put --clients 2000 --conns 1001",
    "bench put --duration 10s --total 5",
    "bench put --duration 0s",
    "bench put --duration soon",
    "bench put --total 0",
    "bench put --total -1",
    "bench put --value-size -1",
    "bench put --value-size 1048577",
    "bench put --keys 0",
    "bench put --keys 100000001",
    "bench put --warmup -1s",
    "bench put --warmup later",
    "bench put --max-time 0",
    "bench put --progress sometimes",
    "bench put extra"
  })
  void badValuesAreUsageErrors(String commandLine) {
    Run run = cli.run(commandLine.split(" "));
    assertEquals(2, run.exitCode(), commandLine + ": " + run.err());
    assertTrue(run.err().startsWith("Error: INVALID_ARGUMENT: "), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
    assertEquals("", run.out());
    assertEquals(0, cli.connections, "a usage error must not contact the cluster");
  }

  @Test
  void usageErrorsSayWhatIsWrong() {
    assertTrue(cli.run("bench", "frobnicate").err().contains("unknown workload 'frobnicate'; available: put, get, "
        + "get-serializable, txn, lock, lease-keepalive"));
    assertTrue(cli.run("bench", "put", "--clients", "4", "--conns", "5").err()
        .contains("--conns (5) must not exceed --clients (4)"));
    assertTrue(cli.run("bench", "put", "--duration", "1s", "--total", "5").err()
        .contains("--duration and --total are mutually exclusive"));
  }

  @Test
  void zeroWarmupIsAccepted() {
    assertEquals(0, cli.run("bench", "put", "--total", "3", "--warmup", "0").exitCode());
    assertEquals(0, cli.run("bench", "put", "--total", "3", "--warmup", "0s").exitCode());
  }
}
