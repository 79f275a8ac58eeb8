package dev.pop.cli.bench;

import dev.pop.cli.DurationConverter;
import java.time.Duration;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/** {@code --warmup}: a duration as {@link DurationConverter} reads it, or zero ({@code 0}, {@code 0s}...). */
public final class WarmupConverter implements ITypeConverter<Duration> {

  private static final Pattern ZERO = Pattern.compile("0+(\\.0+)?(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    if (ZERO.matcher(value.trim().toLowerCase(java.util.Locale.ROOT)).matches()) {
      return Duration.ZERO;
    }
    return DurationConverter.parse(value);
  }
}
