package dev.pop.jepsen.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code history.jsonl} written by {@link HistoryWriter}; blank lines are skipped. */
public final class HistoryReader {
    private HistoryReader() {
    }

    public static List<Op> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in);
        }
    }

    /** @throws IllegalArgumentException naming the line number of the first line that is not an op */
    public static List<Op> read(Reader in) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<Op> ops = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                ops.add(OpJson.fromLine(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("history line " + number + ": " + e.getMessage(), e);
            }
        }
        return ops;
    }
}
