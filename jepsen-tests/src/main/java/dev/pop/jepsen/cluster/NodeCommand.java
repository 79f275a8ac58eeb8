package dev.pop.jepsen.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command a member's container runs: a {@code /bin/sh} wrapper that applies the clock offset the clock nemesis
 * left in {@code /node/faketime} (libfaketime via {@code LD_PRELOAD}, so only that process's clock moves, never the
 * machine's), marks each start in the log, and then {@code exec}s the server, so the JVM is the container's main
 * process and {@code docker kill} / {@code docker pause} reach it directly.
 */
final class NodeCommand {
    /** Container paths; {@code /node} is the member's directory on the host, so data survives restarts. */
    static final String NODE_DIR = "/node";
    static final String LOG_FILE = "/log/server.log";
    static final String JAR = "/pop/pop-server.jar";
    static final String FAKETIME_FILE = NODE_DIR + "/faketime";
    static final String LIBFAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

    private NodeCommand() {
    }

    /**
     * @param peers {@code n1=ip:port,...}, every initial member
     */
    static String[] of(ClusterSpec spec, String id, String raftAddress, String httpAddress, String peers) {
        List<String> java = new ArrayList<>();
        java.add(spec.javaHome().resolve("bin/java").toString());
        java.addAll(spec.jvmOptions());
        java.add("-Djava.io.tmpdir=/tmp");
        java.addAll(List.of("-jar", JAR, "--id", id, "--data-dir", NODE_DIR + "/data", "--raft", raftAddress,
                "--http", httpAddress, "--peers", peers));
        if (spec.unsafeLocalReads()) {
            java.add("--unsafe-local-reads");
        }
        String exec = java.stream().map(NodeCommand::quote).collect(Collectors.joining(" "));
        String script = "if [ -s " + FAKETIME_FILE + " ]; then export LD_PRELOAD=" + LIBFAKETIME
                + " FAKETIME=\"$(cat " + FAKETIME_FILE + ")\" FAKETIME_DONT_RESET=1; fi; "
                + "echo \"=== pop-jepsen: starting " + id + " at $(date -u +%FT%TZ)${FAKETIME:+ (FAKETIME=$FAKETIME)}\""
                + " >>" + LOG_FILE + "; "
                + "exec " + exec + " >>" + LOG_FILE + " 2>&1";
        return new String[] {"/bin/sh", "-c", script};
    }

    private static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./:=,@+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
