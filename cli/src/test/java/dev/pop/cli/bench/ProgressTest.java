package dev.pop.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);

  private String printed() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void rewritesOneLineInPlaceAndErasesIt() {
    Progress progress = new Progress(stream, true, "put");
    progress.warmingUp(2_000_000_000L, 30_000_000_000L);
    assertEquals("\rbench put: warming up, 2s of 30s", printed());
    err.reset();
    progress.measuring(10_000, 0, 1_000_000_000L);
    assertEquals("\rbench put: 1s, 10,000 ops, 10,000 ops/s, 0 errors", printed());
    err.reset();
    progress.measuring(30_000, 2, 2_000_000_000L);
    assertEquals("\rbench put: 2s, 30,000 ops, 15,000 ops/s (last 1.0s: 20,000/s), 2 errors", printed());
    int length = printed().length() - 1;
    err.reset();
    progress.clear();
    assertEquals("\r" + " ".repeat(length) + "\r", printed());
    assertFalse(printed().contains("\n"));
  }

  @Test
  void aShorterLinePadsOverTheLongerOne() {
    Progress progress = new Progress(stream, true, "get");
    progress.preparing("write", "keys", 1_234, 10_000);
    int first = printed().length();
    err.reset();
    progress.warmingUp(0, 1_000_000_000L);
    assertEquals(first, printed().length());
  }

  @Test
  void disabledPrintsNothing() {
    Progress progress = new Progress(stream, false, "put");
    progress.measuring(1, 0, 1);
    progress.clear();
    assertEquals("", printed());
    assertTrue(Progress.enabled(Progress.Mode.ALWAYS));
    assertFalse(Progress.enabled(Progress.Mode.NEVER));
  }
}
