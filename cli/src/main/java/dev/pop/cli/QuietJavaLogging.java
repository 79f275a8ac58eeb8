package dev.pop.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The gRPC bundled in Ratis logs through java.util.logging, not SLF4J, and by default prints
 * INFO and WARNING records (for example about failed connections) to stderr. The CLI reports
 * such failures itself, so only SEVERE records are let through, as logback.xml does for Ratis.
 */
final class QuietJavaLogging {

  private QuietJavaLogging() {}

  static void install() {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    root.setLevel(Level.SEVERE);
    ConsoleHandler handler = new ConsoleHandler();
    handler.setLevel(Level.SEVERE);
    root.addHandler(handler);
  }
}
