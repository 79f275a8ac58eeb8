package dev.pop.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pop.cli.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JsonPrinterTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final JsonPrinter printer = new JsonPrinter(new PrintStream(out, true, StandardCharsets.UTF_8));

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void get() {
    printer.get(Fixtures.getResult(9));
    assertEquals(
        "{\"key\":\"k\",\"value\":\"v\",\"createRevision\":3,\"modRevision\":7,\"version\":2,"
            + "\"lease\":0,\"revision\":9}\n",
        printed());
  }

  @Test
  void getEscapesTextAndKeepsUnicode() {
    printer.get(Fixtures.getResult(1, Fixtures.kv("k\"1", "line1\nπ", 1, 1, 1, 0)));
    assertEquals(
        "{\"key\":\"k\\\"1\",\"value\":\"line1\\nπ\",\"createRevision\":1,\"modRevision\":1,"
            + "\"version\":1,\"lease\":0,\"revision\":1}\n",
        printed());
  }

  @Test
  void getNonUtf8ValueIsBase64() {
    printer.get(Fixtures.getResult(4, Fixtures.kv("bin", Fixtures.BINARY, 2, 3, 1, 0)));
    assertEquals(
        "{\"key\":\"bin\",\"valueBase64\":\""
            + Base64.getEncoder().encodeToString(Fixtures.BINARY)
            + "\",\"createRevision\":2,\"modRevision\":3,\"version\":1,\"lease\":0,\"revision\":4}\n",
        printed());
  }

  @Test
  void getEmptyValueIsEmptyText() {
    printer.get(Fixtures.getResult(4, Fixtures.kv("e", "", 2, 3, 1, 0)));
    assertEquals(
        "{\"key\":\"e\",\"value\":\"\",\"createRevision\":2,\"modRevision\":3,\"version\":1,"
            + "\"lease\":0,\"revision\":4}\n",
        printed());
  }

  @Test
  void getPrintsNothingForNoKeys() {
    printer.get(Fixtures.emptyGetResult(4));
    assertEquals("", printed());
  }

  @Test
  void put() {
    printer.put(Fixtures.putResult(17));
    assertEquals("{\"revision\":17}\n", printed());
  }

  @Test
  void delete() {
    printer.delete(Fixtures.deleteResult(2, 18));
    assertEquals("{\"deleted\":2,\"revision\":18}\n", printed());
  }

  @Test
  void status() {
    printer.status(Fixtures.threeMemberStatus());
    assertEquals(
        "{\"leader\":\"n1\",\"members\":["
            + "{\"id\":\"n1\",\"address\":\"127.0.0.1:7701\",\"role\":\"LEADER\",\"term\":2,"
            + "\"commitIndex\":40,\"appliedIndex\":40,\"revision\":17},"
            + "{\"id\":\"n2\",\"address\":\"127.0.0.1:7702\",\"role\":\"FOLLOWER\",\"term\":2,"
            + "\"commitIndex\":40,\"appliedIndex\":39,\"revision\":16},"
            + "{\"id\":\"n3\",\"address\":\"127.0.0.1:7703\",\"role\":\"UNREACHABLE\",\"term\":0,"
            + "\"commitIndex\":0,\"appliedIndex\":0,\"revision\":0}]}\n",
        printed());
  }

  @Test
  void statusWithoutLeaderHasNull() {
    printer.status(new dev.pop.client.ClusterStatus(null, java.util.List.of()));
    assertEquals("{\"leader\":null,\"members\":[]}\n", printed());
  }
}
