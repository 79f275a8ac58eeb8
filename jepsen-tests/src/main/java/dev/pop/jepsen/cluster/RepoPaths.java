package dev.pop.jepsen.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the harness finds the repository, the server jar and its output directory. */
public final class RepoPaths {
    private RepoPaths() {
    }

    /**
     * The repository root: {@code -Dpop.repo.root}, else the first directory upwards from the working directory
     * that holds both {@code server/} and {@code jepsen-tests/} (Maven runs tests in the module directory).
     */
    public static Path repoRoot() {
        String prop = System.getProperty("pop.repo.root");
        if (prop != null) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("server")) && Files.isDirectory(d.resolve("jepsen-tests"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the POP repository above " + dir + "; set -Dpop.repo.root");
    }

    /**
     * The shaded server jar: {@code -Dpop.server.jar}, else {@code server/target/pop-server.jar}.
     *
     * @throws IllegalStateException naming the command that builds it, if it is missing
     */
    public static Path serverJar() {
        String prop = System.getProperty("pop.server.jar");
        Path jar = prop != null ? Path.of(prop) : repoRoot().resolve("server/target/pop-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with `mvn -q -B -DskipTests install` at the "
                    + "repository root (bin/pop-jepsen does that by itself)");
        }
        return jar.toAbsolutePath();
    }

    /** {@code jepsen-tests/target/jepsen}: one directory per run below it. */
    public static Path runsDir() {
        String prop = System.getProperty("pop.jepsen.out");
        return prop != null ? Path.of(prop).toAbsolutePath() : repoRoot().resolve("jepsen-tests/target/jepsen");
    }
}
