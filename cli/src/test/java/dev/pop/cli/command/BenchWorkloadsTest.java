package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import dev.pop.cli.FakeCoordination;
import dev.pop.cli.Fixtures;
import dev.pop.client.NotFoundException;
import dev.pop.client.UnavailableException;
import dev.pop.client.txn.Cmp;
import dev.pop.client.txn.Op;
import dev.pop.client.txn.OpResult;
import dev.pop.client.txn.TxnResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code popctl bench txn|lock|lease-keepalive} against the fakes. */
class BenchWorkloadsTest {

  private final CliHarness cli = new CliHarness();
  private final FakeCoordination fake = cli.client.coordination;

  private static <T> List<T> copy(List<T> list) {
    synchronized (list) {
      return new ArrayList<>(list);
    }
  }

  private List<String> calls(String prefix) {
    return copy(fake.calls).stream().filter(c -> c.startsWith(prefix)).toList();
  }

  private static JsonNode json(Run run) throws Exception {
    assertEquals(0, run.exitCode(), run.err());
    return new ObjectMapper().readTree(run.out());
  }

  @Test
  void txnWritesTheKeysThenComparesTheirModRevisionAndPuts() throws Exception {
    JsonNode doc = json(cli.run("bench", "txn", "--keys", "3", "--total", "12", "--clients", "2",
        "--value-size", "10", "-o", "json"));
    assertEquals("txn", doc.get("workload").asText());
    assertEquals(12, doc.get("ops").asLong());
    assertEquals(12, doc.get("compareSucceeded").asLong());
    assertEquals(0, doc.get("compareFailed").asLong());
    assertEquals(3, cli.client.kv.calls.size(), "the 3 keys are written first");
    assertEquals(12, calls("txn").size());
    List<Cmp> compares = copy(fake.compares);
    assertEquals(12, compares.size());
    for (Cmp cmp : compares) {
      assertEquals(Cmp.Target.MOD_REVISION, cmp.target());
      assertEquals(Cmp.Operator.EQUAL, cmp.operator());
      // 5: the fill's put revision (FakeKv); 9: the revision of an earlier txn of the key (FakeCoordination)
      assertTrue(cmp.number() == 5 || cmp.number() == 9, cmp.toString());
    }
    for (Op op : copy(fake.success)) {
      assertEquals(10, ((Op.Put) op).value().length);
    }
    assertTrue(copy(fake.failure).stream().allMatch(op -> op instanceof Op.Get));
  }

  @Test
  void txnCountsFailedComparesAndLearnsTheCurrentModRevision() throws Exception {
    fake.txnResult = new TxnResult(false, 20, List.of(new OpResult.Get(
        List.of(Fixtures.kv("bench/key-00000000", "v", 3, 17, 4, 0)), false, 1)), Fixtures.header(20));
    Run run = cli.run("bench", "txn", "--keys", "1", "--total", "5");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("outcomes: compareSucceeded 0, compareFailed 5"), run.out());
    List<Long> expected = copy(fake.compares).stream().map(Cmp::number).toList();
    assertEquals(List.of(5L, 17L, 17L, 17L, 17L), expected, "the first compare expects the fill's revision");
  }

  @Test
  void lockCyclesSpreadClientsOverNamesEachWithItsOwnLease() throws Exception {
    JsonNode doc = json(cli.run("bench", "lock", "--clients", "4", "--names", "2", "--total", "40",
        "--max-time", "90s", "-o", "json"));
    assertEquals("lock", doc.get("workload").asText());
    assertEquals(40, doc.get("ops").asLong());
    assertEquals(0, doc.get("errors").asLong());
    assertTrue(doc.get("compareSucceeded") == null, "no outcomes for lock");
    assertEquals(List.of("grant 120000", "grant 120000", "grant 120000", "grant 120000"), calls("grant"),
        "one lease per client, TTL --max-time + 30s");
    List<String> locks = calls("lock ");
    assertEquals(40, locks.size());
    Map<String, Set<String>> namesByLease = new TreeMap<>();
    for (String lock : locks) {
      // which clients get to send, and which lease each got, is up to the scheduling of the fakes' threads
      // (ClientLeasesTest checks the pairing); each lease sticks to one name of the two
      String[] words = lock.split(" ");
      assertTrue(Set.of("bench/lock-0", "bench/lock-1").contains(words[1]), lock);
      assertTrue(Set.of("7587", "7588", "7589", "7590").contains(words[2]), lock);
      assertEquals("forever", words[3]);
      namesByLease.computeIfAbsent(words[2], l -> new TreeSet<>()).add(words[1]);
    }
    namesByLease.values().forEach(names -> assertEquals(1, names.size(), namesByLease.toString()));
    assertEquals(40, calls("unlock bench/lock-").size());
    assertTrue(calls("unlock").stream().allMatch(c -> c.endsWith(" 42")), "released with the fence granted");
    assertEquals(Set.of("revoke 7587", "revoke 7588", "revoke 7589", "revoke 7590"),
        new TreeSet<>(calls("revoke")), "the leases are revoked after the run");
  }

  @Test
  void lockByDefaultIsOneNameForAllContenders() {
    Run run = cli.run("bench", "lock", "--clients", "3", "--total", "9");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(Set.of("bench/lock-0"), new TreeSet<>(calls("lock ").stream().map(c -> c.split(" ")[1]).toList()));
  }

  @Test
  void leaseKeepaliveRenewsEachClientsOwnLease() throws Exception {
    JsonNode doc = json(cli.run("bench", "lease-keepalive", "--clients", "3", "--conns", "3", "--total", "30",
        "-o", "json"));
    assertEquals("lease-keepalive", doc.get("workload").asText());
    assertEquals(30, doc.get("ops").asLong());
    assertEquals(3, cli.connections);
    assertEquals(3, calls("grant").size());
    assertTrue(Set.of("keepalive 7587", "keepalive 7588", "keepalive 7589").containsAll(calls("keepalive")),
        calls("keepalive").toString());
    assertEquals(30, calls("keepalive").size());
    assertEquals(3, calls("revoke").size());
  }

  @Test
  void aLeaseThatCannotBeGrantedFailsTheRunBeforeTheMeasurement() {
    fake.leaseFailure = new UnavailableException("lease grant: no leader");
    Run run = cli.run("bench", "lease-keepalive", "--clients", "2", "--total", "5");
    assertEquals(4, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("Error: UNAVAILABLE: bench lease-keepalive: could not grant any of the 2 "
        + "leases before the run"), run.err());
    assertEquals(List.of(), calls("keepalive"));
  }

  @Test
  void failedLockCyclesAreCountedByCode() {
    fake.lockFailure = new NotFoundException("lock: lease 7587 not found");
    Run run = cli.run("bench", "lock", "--total", "5");
    assertEquals(3, run.exitCode(), run.err());
    assertTrue(run.err().contains("bench lock: no request succeeded"), run.err());
    assertTrue(run.err().contains("NOT_FOUND 5"), run.err());
    assertEquals(List.of("revoke 7587"), calls("revoke"), "the lease is revoked even so");
  }
}
