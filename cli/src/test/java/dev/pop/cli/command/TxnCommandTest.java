package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.CliHarness;
import dev.pop.cli.CliHarness.Run;
import dev.pop.cli.Fixtures;
import dev.pop.client.ConflictException;
import dev.pop.client.txn.Cmp;
import dev.pop.client.txn.Op;
import dev.pop.client.txn.OpResult;
import dev.pop.client.txn.TxnResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxnCommandTest {

  private final CliHarness cli = new CliHarness();

  private Run txn(String json, String... args) {
    cli.stdin = json.getBytes(StandardCharsets.UTF_8);
    String[] all = new String[args.length + 1];
    all[0] = "txn";
    System.arraycopy(args, 0, all, 1, args.length);
    return cli.run(all);
  }

  @Test
  void parsesTheSpecBodyIntoComparesAndOps() {
    Run run = txn("""
        {"compare":[{"key":"cfg","target":"version","op":">","value":3},
                    {"key":"cfg","target":"value","op":"=","value":"v1"},
                    {"key":"gone","target":"exists","op":"=","value":false},
                    {"lockHeld":{"name":"job","fence":42}}],
         "success":[{"put":{"key":"cfg","value":"v2","lease":7}},{"delete":{"key":"tmp/","prefix":true}},
                    {"get":{"key":"cfg"}},{"increment":{"key":"n","delta":-1,"min":0}}],
         "failure":[{"get":{"key":"cfg","prefix":false}}]}""");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("SUCCESS\n", run.out());
    var f = cli.client.coordination;
    assertEquals(List.of("version(cfg) > 3", "value(cfg) = v1", "absent(gone)", "lockHeld(job, 42)"),
        f.compares.stream().map(Cmp::toString).toList());
    assertEquals(Cmp.Target.VERSION, f.compares.get(0).target());
    assertEquals(7, ((Op.Put) f.success.get(0)).lease());
    assertTrue(((Op.Delete) f.success.get(1)).prefix());
    assertEquals(0L, ((Op.Increment) f.success.get(3)).bounds().min());
    assertEquals(null, ((Op.Increment) f.success.get(3)).bounds().max());
    assertEquals(1, f.failure.size());
  }

  @Test
  void aFalseCompareExits5AfterPrintingTheResult() {
    cli.client.coordination.txnResult = new TxnResult(false, 12, List.of(new OpResult.Get(
        List.of(Fixtures.kv("cfg", "v1", 3, 7, 2, 0)), false, 1)), Fixtures.header(12));
    Run run = txn("{\"compare\":[{\"key\":\"cfg\",\"target\":\"value\",\"op\":\"=\",\"value\":\"x\"}],"
        + "\"failure\":[{\"get\":{\"key\":\"cfg\"}}]}");
    assertEquals(5, run.exitCode());
    assertEquals("FAILURE\ncfg\nv1\n", run.out());
    assertEquals("", run.err());
  }

  @Test
  void printsTheJsonOfSpecSection6() {
    cli.client.coordination.txnResult = new TxnResult(true, 12, List.of(new OpResult.Put(12),
        new OpResult.Delete(2, 12), new OpResult.Increment(4, 12)), Fixtures.header(12));
    Run run = txn("{\"success\":[{\"put\":{\"key\":\"k\",\"value\":\"v\"}}]}", "-o", "json");
    assertEquals("{\"succeeded\":true,\"revision\":12,\"results\":[{\"put\":{\"revision\":12}},"
        + "{\"delete\":{\"deleted\":2,\"revision\":12}},{\"increment\":{\"value\":4,\"revision\":12}}]}\n",
        run.out());
  }

  @Test
  void aTxnTheServerRefusesExitsWithItsErrorsCode() {
    cli.client.coordination.txnFailure = new ConflictException(
        "txn: success[0].increment: key n is 0; adding -1 gives -1, below min 0; nothing changed");
    Run run = txn("{\"success\":[{\"increment\":{\"key\":\"n\",\"delta\":-1,\"min\":0}}]}");
    assertEquals(5, run.exitCode());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("Error: CONFLICT: txn: success[0].increment:"), run.err());
  }

  @Test
  void malformedBodiesAreUsageErrorsNamingTheField() {
    assertBad("{", "txn: stdin is not valid JSON");
    assertBad("", "txn: stdin is empty");
    assertBad("[]", "txn: the body must be a JSON object");
    assertBad("{\"compares\":[]}", "txn: compares: unknown field (expected one of compare, failure, success)");
    assertBad("{\"compare\":[{\"key\":\"k\",\"target\":\"size\",\"op\":\"=\",\"value\":1}]}",
        "txn: compare[0].target: \"size\" is not one of value, version");
    assertBad("{\"compare\":[{\"key\":\"k\",\"target\":\"version\",\"op\":\"=>\",\"value\":1}]}",
        "txn: compare[0].op: \"=>\" is not one of =, !=, <, >");
    assertBad("{\"compare\":[{\"key\":\"k\",\"target\":\"version\",\"op\":\"=\",\"value\":\"1\"}]}",
        "txn: compare[0].value: must be a 64-bit integer, not a string");
    assertBad("{\"compare\":[{\"target\":\"version\",\"op\":\"=\",\"value\":1}]}", "txn: compare[0].key: is required");
    assertBad("{\"compare\":[{\"key\":\"k\",\"target\":\"exists\",\"op\":\"<\",\"value\":true}]}",
        "txn: compare[0].op: target exists takes = or !=");
    assertBad("{\"compare\":[{\"lockHeld\":{\"name\":\"job\"}}]}", "txn: compare[0].lockHeld.fence: is required");
    assertBad("{\"success\":[{\"put\":{\"key\":\"k\"}}]}", "txn: success[0].put.value: is required");
    assertBad("{\"success\":[{\"upsert\":{\"key\":\"k\"}}]}", "txn: success[0]: \"upsert\" is not one of put");
    assertBad("{\"failure\":[{\"put\":{\"key\":\"k\",\"value\":\"v\"},\"get\":{\"key\":\"k\"}}]}",
        "txn: failure[0]: must hold exactly one of put, delete, get, increment, not put, get");
    assertBad("{\"success\":[{\"increment\":{\"key\":\"n\",\"delta\":1.5}}]}",
        "txn: success[0].increment.delta: must be a 64-bit integer");
    assertBad("{\"success\":[{\"increment\":{\"key\":\"n\",\"delta\":1,\"min\":5,\"max\":1}}]}",
        "txn: success[0].increment: min 5 is above max 1");
    assertBad("{\"success\":[{\"put\":{\"key\":\"\",\"value\":\"v\"}}]}",
        "txn: success[0].put: key must not be empty");
    assertBad("{\"success\":{\"put\":{}}}", "txn: success: must be an array, not an object");
  }

  private void assertBad(String json, String expected) {
    CliHarness fresh = new CliHarness();
    fresh.stdin = json.getBytes(StandardCharsets.UTF_8);
    Run run = fresh.run("txn");
    assertEquals(2, run.exitCode(), json + " → " + run.err());
    assertTrue(run.err().startsWith("Error: INVALID_ARGUMENT: " + expected), json + " → " + run.err());
    assertEquals(0, fresh.connections, "refused before connecting");
  }
}
