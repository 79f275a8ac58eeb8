package dev.pop.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.cli.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BytesTest {

  @Test
  void validUtf8IsText() {
    assertEquals(Optional.of("héllo €"), Bytes.utf8("héllo €".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.of(""), Bytes.utf8(new byte[0]));
    assertEquals(Optional.of(""), Bytes.utf8(null));
  }

  @Test
  void invalidUtf8IsNotText() {
    assertTrue(Bytes.utf8(Fixtures.BINARY).isEmpty());
    // a truncated two-byte sequence, and an overlong encoding of '/'
    assertTrue(Bytes.utf8(new byte[] {'a', (byte) 0xc3}).isEmpty());
    assertTrue(Bytes.utf8(new byte[] {(byte) 0xc0, (byte) 0xaf}).isEmpty());
  }
}
