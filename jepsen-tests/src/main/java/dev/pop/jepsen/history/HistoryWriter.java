package dev.pop.jepsen.history;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Writes {@code history.jsonl}: one {@link OpJson} object per line, flushed per line so that a run that dies
 * still leaves every operation completed so far. Usable as a {@link HistoryRecorder} sink.
 */
public final class HistoryWriter implements Closeable {
    private final Writer out;

    public HistoryWriter(Writer out) {
        this.out = out;
    }

    /** Creates (or truncates) {@code file}, creating its parent directories. */
    public static HistoryWriter open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new HistoryWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** Writes a whole history at once. */
    public static void write(Path file, Collection<Op> history) throws IOException {
        try (HistoryWriter w = open(file)) {
            history.forEach(w::append);
        }
    }

    public synchronized void append(Op op) {
        try {
            out.write(OpJson.toLine(op));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append op " + op.index() + " to the history", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
