package dev.pop.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pop.cli.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TablePrinterTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final TablePrinter printer = new TablePrinter(new PrintStream(out, true, StandardCharsets.UTF_8));

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void put() {
    printer.put(Fixtures.putResult(123));
    assertEquals("REVISION\n123\n", printed());
  }

  @Test
  void getAlignsColumnsAndShowsBinaryAsBase64() {
    printer.get(
        Fixtures.getResult(
            9,
            Fixtures.kv("app/config", "a\tb\nc", 3, 7, 2, 0),
            Fixtures.kv("bin", Fixtures.BINARY, 4, 8, 1, 7587)));
    String b64 = "base64:" + Base64.getEncoder().encodeToString(Fixtures.BINARY);
    assertEquals("base64:gP8AQQ==", b64);
    assertEquals(
        String.join(
            "\n",
            "KEY          VALUE             CREATE_REV   MOD_REV   VERSION   LEASE",
            "app/config   a\\tb\\nc           3            7         2         0",
            "bin          base64:gP8AQQ==   4            8         1         7587",
            ""),
        printed());
  }

  @Test
  void getWithNoKeysPrintsTheHeader() {
    printer.get(Fixtures.emptyGetResult(9));
    assertEquals("KEY   VALUE   CREATE_REV   MOD_REV   VERSION   LEASE\n", printed());
  }

  @Test
  void delete() {
    printer.delete(Fixtures.deleteResult(12, 5));
    assertEquals("DELETED   REVISION\n12        5\n", printed());
  }

  @Test
  void status() {
    printer.status(Fixtures.threeMemberStatus());
    assertEquals(
        String.join(
            "\n",
            "ID   ADDRESS          ROLE          TERM   COMMIT   APPLIED   REVISION",
            "n1   127.0.0.1:7701   LEADER        2      40       40        17",
            "n2   127.0.0.1:7702   FOLLOWER      2      40       39        16",
            "n3   127.0.0.1:7703   UNREACHABLE   -      -        -         -",
            ""),
        printed());
  }
}
