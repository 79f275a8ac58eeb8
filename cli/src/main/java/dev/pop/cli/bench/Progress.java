package dev.pop.cli.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The progress line on stderr, rewritten in place about once a second ({@code \r}) and erased before the
 * result is printed. Shown only when stderr is a terminal, unless {@code --progress} says otherwise.
 */
public final class Progress {

  /** {@code --progress}: show the line when stderr is a terminal, always, or never. */
  public enum Mode {
    AUTO,
    ALWAYS,
    NEVER
  }

  private final PrintStream err;
  private final boolean enabled;
  private final String workload;
  private int lastLength;
  private long lastOps;
  private long lastNanos = -1;

  public Progress(PrintStream err, boolean enabled, String workload) {
    this.err = err;
    this.enabled = enabled;
    this.workload = workload;
  }

  /** Whether {@code mode} shows the line in this process. */
  public static boolean enabled(Mode mode) {
    return switch (mode) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> stderrIsTerminal();
    };
  }

  /** Before or after the run: {@code verb} ("write", "grant", "revoke") {@code done} of {@code count} {@code what}. */
  public void preparing(String verb, String what, long done, int count) {
    show(String.format(Locale.ROOT, "bench %s: %s the %s: %,d of %,d", workload, verb, what, done, count));
  }

  /** During the warm-up: {@code elapsedNanos} of {@code warmupNanos}. */
  public void warmingUp(long elapsedNanos, long warmupNanos) {
    show(String.format(Locale.ROOT, "bench %s: warming up, %ds of %ds", workload,
        elapsedNanos / 1_000_000_000L, warmupNanos / 1_000_000_000L));
  }

  /** During the measurement: {@code ops} successes and {@code errors} after {@code measuredNanos}. */
  public void measuring(long ops, long errors, long measuredNanos) {
    double seconds = measuredNanos / 1e9;
    double rate = seconds > 0 ? ops / seconds : 0;
    String recent = "";
    if (lastNanos >= 0 && measuredNanos > lastNanos) {
      recent = String.format(Locale.ROOT, " (last %.1fs: %,.0f/s)", (measuredNanos - lastNanos) / 1e9,
          (ops - lastOps) / ((measuredNanos - lastNanos) / 1e9));
    }
    lastOps = ops;
    lastNanos = measuredNanos;
    show(String.format(Locale.ROOT, "bench %s: %.0fs, %,d ops, %,.0f ops/s%s, %,d errors", workload, seconds,
        ops, rate, recent, errors));
  }

  /** Erases the line. */
  public void clear() {
    if (enabled && lastLength > 0) {
      err.print("\r" + " ".repeat(lastLength) + "\r");
      err.flush();
      lastLength = 0;
    }
  }

  private void show(String line) {
    if (!enabled) {
      return;
    }
    String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
    err.print("\r" + padded);
    err.flush();
    lastLength = line.length();
  }

  /** On Linux, whether file descriptor 2 is a tty; elsewhere, whether the JVM has a console. */
  static boolean stderrIsTerminal() {
    try {
      Path fd2 = Path.of("/proc/self/fd/2");
      if (Files.isSymbolicLink(fd2)) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (java.io.IOException | RuntimeException e) {
      // fall through
    }
    return System.console() != null;
  }
}
