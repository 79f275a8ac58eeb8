package dev.pop.jepsen.checker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pop.jepsen.history.OpJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads {@code results.json} (see {@link CheckReport} for its shape). */
public final class ResultsFile {
    public static final String NAME = "results.json";

    private ResultsFile() {
    }

    /** Writes {@code report} to {@code file}, pretty-printed, creating parent directories. */
    public static void write(Path file, CheckReport report) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OpJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report.toJson());
    }

    /** The JSON tree of a results file, for tools and tests. */
    public static JsonNode read(Path file) throws IOException {
        return OpJson.MAPPER.readTree(file.toFile());
    }
}
