package dev.pop.server.http;

import dev.pop.server.ratis.PopGroup;
import io.javalin.Javalin;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP front of one member. For now: liveness and readiness probes; the admin and data API of SPEC
 * section 6 grow here.
 */
public final class HttpFront implements AutoCloseable {
  private final Javalin app;

  private HttpFront(Javalin app) {
    this.app = app;
  }

  public static HttpFront start(InetSocketAddress address, RaftServer raft) {
    final Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
    app.get("/health", ctx -> ctx.json(Map.of("status", "serving")));
    app.get("/ready", ctx -> {
      final Map<String, Object> body = readiness(raft);
      ctx.status(Boolean.TRUE.equals(body.get("ready")) ? 200 : 503).json(body);
    });
    app.start(address.getHostString(), address.getPort());
    return new HttpFront(app);
  }

  /** Ready when this member knows a leader and has applied everything it knows to be committed. */
  static Map<String, Object> readiness(RaftServer raft) {
    final Map<String, Object> body = new LinkedHashMap<>();
    try {
      final DivisionInfo info = raft.getDivision(PopGroup.ID).getInfo();
      final long commit = raft.getDivision(PopGroup.ID).getRaftLog().getLastCommittedIndex();
      final long applied = info.getLastAppliedIndex();
      final boolean ready = info.getLeaderId() != null && applied >= commit;
      body.put("ready", ready);
      body.put("leader", info.getLeaderId() == null ? null : info.getLeaderId().toString());
      body.put("commitIndex", commit);
      body.put("appliedIndex", applied);
    } catch (IOException e) {
      body.put("ready", false);
      body.put("reason", "not a member of the POP group yet");
    }
    return body;
  }

  @Override
  public void close() {
    app.stop();
  }
}
