package dev.pop.jepsen.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What cluster to run: how many members, which server jar and JDK, and the server flags that vary per run.
 *
 * @param nodes            number of members, n1..nN (3 or 5 in practice)
 * @param serverJar        the shaded {@code pop-server.jar} on the host
 * @param javaHome         the host JDK the members run (mounted read-only with the rest of {@code /usr})
 * @param jvmOptions       options for each member's JVM
 * @param unsafeLocalReads start the members with the test-only {@code --unsafe-local-reads}
 */
public record ClusterSpec(int nodes, Path serverJar, Path javaHome, List<String> jvmOptions,
                          boolean unsafeLocalReads) {
    /** The host JDK the build machines have (Debian's OpenJDK 17). */
    public static final Path DEFAULT_JAVA_HOME = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    /** On 2 cores the JDK sizes the common pool to 1, and Ratis' async calls then spawn a thread per task. */
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Djava.util.concurrent.ForkJoinPool.common.parallelism=4", "-Xmx512m");

    public ClusterSpec {
        if (nodes < 1 || nodes > 9) {
            throw new IllegalArgumentException("nodes must be 1..9, got " + nodes);
        }
        Objects.requireNonNull(serverJar, "serverJar");
        Objects.requireNonNull(javaHome, "javaHome");
        jvmOptions = List.copyOf(jvmOptions);
    }

    public static ClusterSpec of(int nodes, Path serverJar, boolean unsafeLocalReads) {
        String javaHome = System.getProperty("pop.jepsen.javaHome");
        return new ClusterSpec(nodes, serverJar, javaHome == null ? DEFAULT_JAVA_HOME : Path.of(javaHome),
                DEFAULT_JVM_OPTIONS, unsafeLocalReads);
    }
}
