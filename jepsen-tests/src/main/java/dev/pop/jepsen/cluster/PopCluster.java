package dev.pop.jepsen.cluster;

import dev.pop.client.ClusterStatus;
import dev.pop.client.MemberStatus;
import dev.pop.client.PopClient;
import dev.pop.client.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A cluster of {@code pop-server} members, each in its own container on a private bridge network (see
 * {@link PopNode}), with everything it created removed on {@link #close()} and, should the JVM be stopped first,
 * by a shutdown hook. The caller must have checked {@link DockerEnvironment} first.
 */
public final class PopCluster implements AutoCloseable {
    private final String name;
    private final Path runDir;
    private final Path jarCopy;
    private final ClusterNetwork network;
    private final List<PopNode> nodes;
    private final PopClient admin;
    private final Consumer<String> log;
    private final Thread cleanupHook;
    private boolean closed;

    private PopCluster(String name, Path runDir, Path jarCopy, ClusterNetwork network, List<PopNode> nodes,
                       Consumer<String> log) {
        this.name = name;
        this.runDir = runDir;
        this.jarCopy = jarCopy;
        this.network = network;
        this.nodes = List.copyOf(nodes);
        this.log = log;
        this.admin = PopClient.builder().endpoints(endpoints()).timeout(Duration.ofSeconds(2)).build();
        this.cleanupHook = new Thread(this::removeQuietly, "pop-jepsen-cleanup");
    }

    /**
     * Creates the network and the members and starts them all; returns once the cluster has a leader and every
     * member answers. On failure everything created so far is removed.
     *
     * @param name   the run's name: names the network and prefixes the containers
     * @param runDir where the members' data directories and logs go
     */
    public static PopCluster start(String name, ClusterSpec spec, Path runDir, Duration readyTimeout,
                                   Consumer<String> log) throws IOException {
        Files.createDirectories(runDir);
        // a private copy, so a rebuild of server/target during the run cannot change what a restart runs
        Path jar = Files.copy(spec.serverJar(), runDir.resolve("pop-server.jar"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> labels = Map.of(DockerEnvironment.RUN_LABEL, name,
                DockerEnvironment.OWNER_LABEL, String.valueOf(ProcessHandle.current().pid()));
        ClusterNetwork network = ClusterNetwork.create(name, labels);
        List<PopNode> nodes = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        for (int k = 1; k <= spec.nodes(); k++) {
            peers.add("n" + k + "=" + network.ipOf(k) + ":" + PopNode.RAFT_PORT);
        }
        PopCluster cluster = null;
        try {
            for (int k = 1; k <= spec.nodes(); k++) {
                nodes.add(new PopNode(spec, "n" + k, network.ipOf(k), String.join(",", peers), runDir, jar,
                        network.network, labels));
            }
            cluster = new PopCluster(name, runDir, jar, network, nodes, log);
            Runtime.getRuntime().addShutdownHook(cluster.cleanupHook);
            log.accept("starting " + spec.nodes() + " members on network " + name + " (" + network.prefix + "0/24)"
                    + (spec.unsafeLocalReads() ? " with --unsafe-local-reads" : ""));
            CompletableFuture.allOf(nodes.stream().map(n -> CompletableFuture.runAsync(n::create))
                    .toArray(CompletableFuture[]::new)).join();
            ClusterStatus status = cluster.awaitHealthy(readyTimeout);
            log.accept("cluster ready: leader " + status.leaderId() + ", members " + cluster.nodes);
            return cluster;
        } catch (RuntimeException | Error e) {
            if (cluster != null) {
                cluster.close();
            } else {
                nodes.forEach(PopCluster::removeQuietly);
                network.close();
                Files.deleteIfExists(jar);
            }
            throw e;
        }
    }

    public List<PopNode> nodes() {
        return nodes;
    }

    public PopNode node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member " + id + " in " + nodes));
    }

    /** Every member's Raft/client address, for {@link PopClient.Builder#endpoints}. */
    public List<String> endpoints() {
        return nodes.stream().map(PopNode::raftAddress).toList();
    }

    public String name() {
        return name;
    }

    public Path runDir() {
        return runDir;
    }

    /** What the members report now, each asked directly (works without a quorum). */
    public ClusterStatus status() {
        return admin.cluster().status();
    }

    /** The member that reports itself leader with the highest term, if any answers. */
    public Optional<PopNode> leader() {
        try {
            String id = status().leaderId();
            return id == null ? Optional.empty() : nodes.stream().filter(n -> n.id().equals(id)).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Waits until a member reports itself leader (with the highest term) and every member answers.
     *
     * @throws IllegalStateException with the last status seen if that does not happen in time
     */
    public ClusterStatus awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ClusterStatus last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = status();
                String leader = last.leaderId();
                if (leader != null && last.members().size() == nodes.size()
                        && last.members().stream().anyMatch(m -> m.id().equals(leader) && m.role() == Role.LEADER)
                        && last.members().stream().noneMatch(m -> m.role() == Role.UNREACHABLE)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("cluster " + name + " not healthy after " + timeout.toSeconds() + " s; last "
                + "status: " + describe(last) + (lastError == null ? "" : "; last error: " + lastError));
    }

    /** One line per member: id, role, term, applied index. */
    public static String describe(ClusterStatus status) {
        if (status == null) {
            return "none";
        }
        return "leader " + status.leaderId() + "; " + status.members().stream()
                .map(m -> m.id() + " " + m.role() + (m.role() == Role.UNREACHABLE ? "" : " t" + m.term() + " a"
                        + m.appliedIndex()))
                .collect(Collectors.joining(", "));
    }

    /** Members that report the given role. */
    public List<MemberStatus> membersWithRole(Role role) {
        return status().members().stream().filter(m -> m.role() == role).toList();
    }

    /** Stops and removes every container and the network; the run directory (data, logs) stays. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is running or has run
        }
        removeQuietly();
    }

    private void removeQuietly() {
        try {
            admin.close();
        } catch (RuntimeException ignored) {
            // best effort
        }
        CompletableFuture.allOf(nodes.stream().map(n -> CompletableFuture.runAsync(() -> removeQuietly(n)))
                .toArray(CompletableFuture[]::new)).join();
        try {
            network.close();
        } catch (RuntimeException e) {
            log.accept("could not remove network " + name + ": " + e);
        }
        try {
            Files.deleteIfExists(jarCopy);
        } catch (IOException ignored) {
            // it is under target/
        }
    }

    private static void removeQuietly(PopNode node) {
        try {
            node.remove();
        } catch (RuntimeException e) {
            System.err.println("pop-jepsen: could not remove " + node + ": " + e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
