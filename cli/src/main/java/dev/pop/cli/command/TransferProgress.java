package dev.pop.cli.command;

import dev.pop.client.snapshot.SnapshotDownload;
import java.io.PrintStream;

/**
 * A progress bar on stderr for a download, redrawn at most ten times a second; silent unless stderr is a terminal
 * (so scripts and pipes get clean output).
 */
final class TransferProgress implements SnapshotDownload.Progress {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream err;
  private final boolean enabled;
  private long lastDraw;
  private boolean drawn;

  TransferProgress(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Enabled when the process has a terminal. */
  static TransferProgress forTerminal(PrintStream err) {
    return new TransferProgress(err, System.console() != null);
  }

  @Override
  public void update(long received, long total) {
    long now = System.nanoTime();
    if (!enabled || (drawn && now - lastDraw < REDRAW_NANOS && received != total)) {
      return;
    }
    lastDraw = now;
    drawn = true;
    err.print("\r" + line(received, total));
    err.flush();
  }

  /** Ends the bar's line, if one was drawn. */
  void finish() {
    if (drawn) {
      err.println();
    }
  }

  static String line(long received, long total) {
    if (total <= 0) {
      return "snapshot: " + mib(received) + " received";
    }
    int filled = (int) Math.min(WIDTH, received * WIDTH / total);
    int percent = (int) Math.min(100, received * 100 / total);
    return "snapshot: [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + percent + "% "
        + mib(received) + " / " + mib(total);
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
