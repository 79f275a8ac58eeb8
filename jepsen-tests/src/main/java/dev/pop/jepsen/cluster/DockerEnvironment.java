package dev.pop.jepsen.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine as the harness needs it (see {@code shared/DOCKER-NOTES.md}): reachable, Testcontainers set up
 * for a machine without a registry, the locally built node image present, and no containers left over from runs
 * whose JVM died.
 */
public final class DockerEnvironment {
    /** An empty image: members run the host's JDK from read-only bind mounts. Built locally, never pulled. */
    public static final String NODE_IMAGE = "pop/base:empty";
    /** Label on every container and network of a run: the run's name (also the container name prefix). */
    public static final String RUN_LABEL = "dev.pop.jepsen.run";
    /** Label with the PID of the JVM that owns the container, so leftovers of dead runs can be swept. */
    public static final String OWNER_LABEL = "dev.pop.jepsen.owner-pid";
    /**
     * Environment Testcontainers 2 needs here and reads only from the process environment (or, for the checks, from
     * {@code ~/.testcontainers.properties}, never from the classpath): no Ryuk (its image cannot be pulled), the
     * Docker host given (this machine has {@code /.dockerenv}, so it would otherwise start a helper container to
     * find the gateway) and no start-up checks (they pull {@code alpine}).
     */
    public static final Map<String, String> TESTCONTAINERS_ENV = Map.of("TESTCONTAINERS_RYUK_DISABLED", "true",
            "TESTCONTAINERS_HOST_OVERRIDE", "localhost", "TESTCONTAINERS_CHECKS_DISABLE", "true");

    private static final Path SOCKET = Path.of("/var/run/docker.sock");

    private DockerEnvironment() {
    }

    /** Null if the process environment is right for Testcontainers here, else what is missing. */
    public static String missingTestcontainersEnv() {
        for (Map.Entry<String, String> e : TESTCONTAINERS_ENV.entrySet()) {
            if (!e.getValue().equalsIgnoreCase(String.valueOf(System.getenv(e.getKey())))) {
                return e.getKey() + "=" + e.getValue() + " is not set (no image can be pulled here; see "
                        + "shared/DOCKER-NOTES.md); bin/pop-jepsen and the Maven build set it";
            }
        }
        return null;
    }

    /**
     * Whether the engine answers {@code /_ping} on its socket. Asked without Testcontainers, which caches a failed
     * probe for the life of the JVM.
     */
    public static boolean engineAnswers() {
        String host = System.getenv("DOCKER_HOST");
        Path socket = host != null && host.startsWith("unix://") ? Path.of(host.substring("unix://".length()))
                : SOCKET;
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(512);
            while (ch.read(buf) >= 0 && buf.hasRemaining()) {
                // read until the engine closes the connection (HTTP/1.0)
            }
            String reply = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
            return reply.startsWith("HTTP/1.") && reply.contains(" 200 ");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes sure the engine runs: if it does not answer, runs {@code bin/pop-jepsen --ensure-docker} (installs
     * Docker when missing and starts {@code dockerd}).
     *
     * @return null if the engine answers, else why it could not be started
     */
    public static String ensureEngine(Path repoRoot) {
        if (engineAnswers()) {
            return null;
        }
        Path launcher = repoRoot.resolve("bin/pop-jepsen");
        if (!Files.isExecutable(launcher)) {
            return "the Docker engine does not answer on " + SOCKET + " and " + launcher + " is missing";
        }
        try {
            Process p = new ProcessBuilder(launcher.toString(), "--ensure-docker").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            int rc = p.waitFor();
            if (rc == 0 && engineAnswers()) {
                return null;
            }
            return "the Docker engine does not answer and `bin/pop-jepsen --ensure-docker` exited " + rc;
        } catch (IOException e) {
            return "cannot run " + launcher + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while starting Docker";
        }
    }

    /**
     * Builds {@link #NODE_IMAGE} from an empty tar if the engine does not have it, as
     * {@code tar cf - --files-from /dev/null | docker import - pop/base:empty} does. (The docker CLI, not
     * docker-java: the latter's import sends a body the engine reads as truncated, "unexpected EOF".)
     */
    public static void ensureNodeImage() {
        DockerClient docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(NODE_IMAGE).exec();
            return;
        } catch (NotFoundException e) {
            // build it below
        }
        try {
            Process p = new ProcessBuilder("docker", "import", "-", NODE_IMAGE).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(new byte[10240]); // an empty tar: end-of-archive blocks only
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("docker import of " + NODE_IMAGE + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run `docker import` to build " + NODE_IMAGE + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + NODE_IMAGE, e);
        }
        docker.inspectImageCmd(NODE_IMAGE).exec(); // fails loudly if the import did not work
    }

    /** Removes containers and networks of runs whose owning JVM is gone (killed before its cleanup ran). */
    public static int sweepLeftovers() {
        DockerClient docker = DockerClientFactory.instance().client();
        int removed = 0;
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(OWNER_LABEL)).exec();
        for (Container c : containers) {
            if (ownerGone(c.getLabels())) {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                removed++;
            }
        }
        for (com.github.dockerjava.api.model.Network n : docker.listNetworksCmd().exec()) {
            if (n.getLabels() != null && n.getLabels().containsKey(OWNER_LABEL) && ownerGone(n.getLabels())) {
                try {
                    docker.removeNetworkCmd(n.getId()).exec();
                    removed++;
                } catch (RuntimeException e) {
                    // still in use by a container of a live run: leave it
                }
            }
        }
        return removed;
    }

    private static boolean ownerGone(Map<String, String> labels) {
        try {
            long pid = Long.parseLong(labels.getOrDefault(OWNER_LABEL, ""));
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
