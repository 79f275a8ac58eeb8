package dev.pop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  @Test
  void parsesUnits() {
    assertEquals(Duration.ofSeconds(5), DurationConverter.parse("5s"));
    assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
    assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
    assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
  }

  @Test
  void plainNumberIsSeconds() {
    assertEquals(Duration.ofSeconds(10), DurationConverter.parse("10"));
  }

  @Test
  void acceptsDecimalsCaseAndSpaces() {
    assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
    assertEquals(Duration.ofMillis(250), DurationConverter.parse("0.25"));
    assertEquals(Duration.ofSeconds(3), DurationConverter.parse(" 3S "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "5x", "-1s", "5 s", "1m30s", "0", "0ms", "0.0001ms", "PT5S"})
  void rejectsMalformedOrUnderOneMillisecond(String value) {
    assertThrows(TypeConversionException.class, () -> DurationConverter.parse(value));
  }

  @Test
  void rejectsOverflow() {
    assertThrows(TypeConversionException.class, () -> DurationConverter.parse("99999999999999h"));
  }
}
