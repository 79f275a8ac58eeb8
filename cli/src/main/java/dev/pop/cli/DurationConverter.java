package dev.pop.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations the way etcdctl users write them: {@code 500ms}, {@code 5s}, {@code 2m},
 * {@code 1h}, decimals such as {@code 1.5s}, or a plain number of seconds. At least 1 ms.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * @throws TypeConversionException (a usage error, exit 2) if malformed or under 1 ms
   */
  public static Duration parse(String value) {
    Matcher m = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration (examples: 500ms, 5s, 2m, 10)");
    }
    String unit = m.group(2) == null ? "s" : m.group(2);
    BigDecimal millisPerUnit =
        switch (unit) {
          case "ms" -> BigDecimal.ONE;
          case "s" -> BigDecimal.valueOf(1_000);
          case "m" -> BigDecimal.valueOf(60_000);
          default -> BigDecimal.valueOf(3_600_000);
        };
    BigDecimal millis = new BigDecimal(m.group(1)).multiply(millisPerUnit);
    if (millis.compareTo(BigDecimal.ONE) < 0
        || millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000)) > 0) {
      throw new TypeConversionException("'" + value + "' must be a duration of at least 1ms");
    }
    return Duration.ofNanos(millis.multiply(BigDecimal.valueOf(1_000_000)).longValue());
  }
}
