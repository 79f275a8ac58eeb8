package dev.pop.jepsen.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * One {@code pop-server} member in its own container, with the fault primitives the nemeses use. The member's Raft
 * address is its container IP on the cluster's bridge network, which the host routes to directly: the addresses
 * the members advertise in the Raft group are the ones the SDK in the test JVM connects to, with no port mapping.
 *
 * <p>Its data directory and log are bind-mounted from the run directory on the host, so a killed or restarted
 * member comes back with its state, and the log of every incarnation ends up in {@code <run>/<id>.log}.
 */
public final class PopNode {
    public static final int RAFT_PORT = 7701;
    public static final int HTTP_PORT = 7801;
    /** Host directories the image-less container needs to run the host's JDK, shell and iptables. */
    private static final String[] HOST_MOUNTS = {"/usr", "/lib", "/lib64", "/bin", "/sbin", "/etc/alternatives",
        "/etc/java-17-openjdk"};

    private final String id;
    private final String ip;
    private final Path dir;
    private final GenericContainer<?> container;
    private boolean paused;
    private boolean isolated;
    private boolean stopped;
    private Long clockOffsetSeconds;

    PopNode(ClusterSpec spec, String id, String ip, String peers, Path runDir, Path jar, Network network,
            Map<String, String> labels) throws IOException {
        this.id = id;
        this.ip = ip;
        this.dir = Files.createDirectories(runDir.resolve(id));
        Files.createDirectories(dir.resolve("data"));
        Path log = runDir.resolve(id + ".log");
        if (!Files.exists(log)) {
            Files.createFile(log);
        }
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(DockerEnvironment.NODE_IMAGE))
                .withImagePullPolicy(name -> false)
                .withNetwork(network)
                .withNetworkAliases(id)
                .withLabels(labels)
                .withTmpFs(Map.of("/tmp", "rw,exec,size=512m", "/run", "rw,size=16m"))
                .withFileSystemBind(jar.toString(), NodeCommand.JAR, BindMode.READ_ONLY)
                .withFileSystemBind(dir.toString(), NodeCommand.NODE_DIR, BindMode.READ_WRITE)
                .withFileSystemBind(log.toString(), NodeCommand.LOG_FILE, BindMode.READ_WRITE)
                .withCommand(NodeCommand.of(spec, id, raftAddress(ip), ip + ":" + HTTP_PORT, peers))
                .withStartupTimeout(Duration.ofSeconds(30))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(labels.get(DockerEnvironment.RUN_LABEL) + "-" + id);
                    cmd.withHostName(id);
                    cmd.withIpv4Address(ip);
                    cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN);
                });
        for (String mount : HOST_MOUNTS) {
            if (Files.isDirectory(Path.of(mount))) {
                c.withFileSystemBind(mount, mount, BindMode.READ_ONLY);
            }
        }
        this.container = c;
    }

    private static String raftAddress(String ip) {
        return ip + ":" + RAFT_PORT;
    }

    public String id() {
        return id;
    }

    public String ip() {
        return ip;
    }

    /** The Raft/client address the member advertises, reachable from the host: {@code ip:7701}. */
    public String raftAddress() {
        return raftAddress(ip);
    }

    void create() {
        container.start();
    }

    /** SIGKILL to the server (the container's main process); the container stops with it. */
    public synchronized void kill() {
        if (stopped) {
            return;
        }
        try {
            docker().killContainerCmd(container.getContainerId()).withSignal("KILL").exec();
        } catch (RuntimeException e) {
            if (isRunning()) {
                throw e;
            } // it had already exited
        }
        docker().waitContainerCmd(container.getContainerId()).start().awaitStatusCode(30, TimeUnit.SECONDS);
        stopped = true;
        paused = false;
        isolated = false; // a new incarnation starts in a new network namespace, without rules
    }

    /** Records that the server is not running although nobody killed it (it exited by itself). */
    public synchronized void markStopped() {
        stopped = true;
        paused = false;
        isolated = false;
    }

    /** Starts a killed member again, with the same data directory, address and (if set) clock offset. */
    public synchronized void restart() {
        if (!stopped && isRunning()) {
            return;
        }
        docker().startContainerCmd(container.getContainerId()).exec();
        stopped = false;
    }

    /**
     * SIGSTOP to the server: it stops mid-flight and later resumes believing no time has passed, like a very long
     * GC pause. (A signal rather than {@code docker pause}: the cgroup v1 freezer here sometimes fails with
     * "unable to freeze".)
     */
    public synchronized void pause() {
        if (!paused && !stopped) {
            docker().killContainerCmd(container.getContainerId()).withSignal("STOP").exec();
            paused = true;
        }
    }

    /** SIGCONT to a paused server. */
    public synchronized void resume() {
        if (paused) {
            if (!stopped) {
                docker().killContainerCmd(container.getContainerId()).withSignal("CONT").exec();
            }
            paused = false;
        }
    }

    /**
     * Drops every packet from {@code peerIps} (iptables in the member's network namespace) and, if
     * {@code alsoOutgoing}, every packet to them.
     */
    public synchronized void dropFrom(Collection<String> peerIps, boolean alsoOutgoing) {
        if (peerIps.isEmpty() || stopped) {
            return;
        }
        StringBuilder script = new StringBuilder("set -e");
        for (String peer : peerIps) {
            script.append("; /usr/sbin/iptables -A INPUT -s ").append(peer).append(" -j DROP");
            if (alsoOutgoing) {
                script.append("; /usr/sbin/iptables -A OUTPUT -d ").append(peer).append(" -j DROP");
            }
        }
        exec(script.toString());
        isolated = true;
    }

    /** Removes every rule {@link #dropFrom} added. */
    public synchronized void healNetwork() {
        if (isolated && !stopped) {
            exec("/usr/sbin/iptables -F INPUT; /usr/sbin/iptables -F OUTPUT");
        }
        isolated = false;
    }

    /**
     * Sets the clock offset the member gets at its next start (libfaketime's {@code FAKETIME}, e.g. {@code +120s});
     * {@code null} clears it.
     */
    public synchronized void setClockOffset(Long seconds) throws IOException {
        Path file = dir.resolve("faketime");
        if (seconds == null) {
            Files.deleteIfExists(file);
        } else {
            Files.writeString(file, (seconds >= 0 ? "+" : "") + seconds + "s\n");
        }
        clockOffsetSeconds = seconds;
    }

    public synchronized Long clockOffsetSeconds() {
        return clockOffsetSeconds;
    }

    public synchronized boolean isStopped() {
        return stopped;
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    public synchronized boolean isIsolated() {
        return isolated;
    }

    /** Whether the container (and so the server) is running, as Docker sees it. */
    public boolean isRunning() {
        InspectContainerResponse.ContainerState state =
                docker().inspectContainerCmd(container.getContainerId()).exec().getState();
        return Boolean.TRUE.equals(state.getRunning());
    }

    /** Stops and removes the container (the data directory and log stay on the host). */
    void remove() {
        try {
            resume();
        } catch (RuntimeException ignored) {
            // removal below forces it anyway
        }
        container.stop();
    }

    private void exec(String script) {
        try {
            ExecResult r = container.execInContainer("/bin/sh", "-c", script);
            if (r.getExitCode() != 0) {
                throw new IllegalStateException(id + ": `" + script + "` exited " + r.getExitCode() + ": "
                        + r.getStderr().strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException(id + ": exec failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(id + ": interrupted during exec", e);
        }
    }

    private DockerClient docker() {
        return container.getDockerClient();
    }

    @Override
    public String toString() {
        return id + "@" + ip;
    }
}
