package dev.pop.cli.output;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Keys and values are bytes; printers show them as UTF-8 text when they are valid UTF-8. */
final class Bytes {

  private static final byte[] EMPTY = new byte[0];

  private Bytes() {}

  /** The text of {@code bytes} if they are valid UTF-8 (strictly), else empty. */
  static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(orEmpty(bytes)))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(orEmpty(bytes));
  }

  static byte[] orEmpty(byte[] bytes) {
    return bytes == null ? EMPTY : bytes;
  }
}
