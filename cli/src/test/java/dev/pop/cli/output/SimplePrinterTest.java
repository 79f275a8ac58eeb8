package dev.pop.cli.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pop.cli.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SimplePrinterTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final SimplePrinter printer = new SimplePrinter(new PrintStream(out, true, StandardCharsets.UTF_8));

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void putPrintsOk() {
    printer.put(Fixtures.putResult(3));
    assertEquals("OK\n", printed());
  }

  @Test
  void getPrintsKeyAndValueLinesForEachKey() {
    printer.get(
        Fixtures.getResult(9, Fixtures.kv("a", "1", 1, 1, 1, 0), Fixtures.kv("b", "ünï", 2, 2, 1, 0)));
    assertEquals("a\n1\nb\nünï\n", printed());
  }

  @Test
  void getWritesNonUtf8ValuesAsTheirRawBytes() {
    printer.get(Fixtures.getResult(4, Fixtures.kv("bin", Fixtures.BINARY, 2, 3, 1, 0)));
    byte[] expected = new byte[4 + Fixtures.BINARY.length + 1];
    System.arraycopy("bin\n".getBytes(StandardCharsets.UTF_8), 0, expected, 0, 4);
    System.arraycopy(Fixtures.BINARY, 0, expected, 4, Fixtures.BINARY.length);
    expected[expected.length - 1] = '\n';
    assertArrayEquals(expected, out.toByteArray());
  }

  @Test
  void deletePrintsTheCount() {
    printer.delete(Fixtures.deleteResult(4, 30));
    assertEquals("4\n", printed());
  }

  @Test
  void statusPrintsOneLinePerMember() {
    printer.status(Fixtures.threeMemberStatus());
    assertEquals(
        "n1, 127.0.0.1:7701, LEADER, 2, 40, 40, 17\n"
            + "n2, 127.0.0.1:7702, FOLLOWER, 2, 40, 39, 16\n"
            + "n3, 127.0.0.1:7703, UNREACHABLE, -, -, -, -\n",
        printed());
  }
}
