package dev.pop.jepsen.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.Consumer;

/** The run's progress: one line per step, with the seconds since the run began, to the console and {@code jepsen.log}. */
final class RunLog implements Consumer<String> {
    private final long origin = System.nanoTime();
    private final PrintStream console;
    private Path file;

    RunLog(PrintStream console) {
        this.console = console;
    }

    synchronized void writeTo(Path logFile) {
        this.file = logFile;
    }

    @Override
    public synchronized void accept(String message) {
        String line = String.format(Locale.ROOT, "[%6.1fs] %s", (System.nanoTime() - origin) / 1e9, message);
        console.println(line);
        if (file != null) {
            try {
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                console.println("(cannot write " + file + ": " + e.getMessage() + ")");
                file = null;
            }
        }
    }
}
