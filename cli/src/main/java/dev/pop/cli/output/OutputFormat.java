package dev.pop.cli.output;

import java.io.PrintStream;

/** The {@code -o} formats. */
public enum OutputFormat {
  /** etcdctl-like plain text: values as they are, one item per line. */
  SIMPLE,
  /** One JSON document per result (per key for ranges), one per line (SPEC section 5). */
  JSON,
  /** Aligned columns under a header, for people. */
  TABLE;

  public Printer printer(PrintStream out) {
    return switch (this) {
      case SIMPLE -> new SimplePrinter(out);
      case JSON -> new JsonPrinter(out);
      case TABLE -> new TablePrinter(out);
    };
  }
}
