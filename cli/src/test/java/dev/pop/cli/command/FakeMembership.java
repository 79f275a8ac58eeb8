package dev.pop.cli.command;

import dev.pop.cli.ClientFactory;
import dev.pop.cli.PopCtl;
import dev.pop.client.Cluster;
import dev.pop.client.ClusterStatus;
import dev.pop.client.PopClient;
import dev.pop.client.cluster.ClusterMember;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cluster whose membership lives in a list, behind a {@link PopClient} proxy that answers only {@code cluster()} and
 * {@code close()} (so it keeps compiling as the SDK grows), and a runner for {@link PopCtl} over it.
 */
final class FakeMembership implements Cluster {
  final List<ClusterMember> members = new ArrayList<>(List.of(
      new ClusterMember("n1", "127.0.0.1:7701", "127.0.0.1:7801", true),
      new ClusterMember("n2", "127.0.0.1:7702", "127.0.0.1:7802", false),
      new ClusterMember("n3", "127.0.0.1:7703", null, false)));
  RuntimeException failure;

  record Run(int exitCode, String out, String err) {}

  Run run(String... args) {
    PopClient client = (PopClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PopClient.class},
        (proxy, method, a) -> switch (method.getName()) {
          case "cluster" -> this;
          case "close" -> null;
          default -> throw new UnsupportedOperationException(method.getName());
        });
    ClientFactory factory = (endpoints, timeout) -> client;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new PopCtl(factory, Map.of(), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private void failIfSet() {
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public ClusterStatus status() {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<ClusterMember> members() {
    failIfSet();
    return List.copyOf(members);
  }

  @Override
  public void addMember(String id, String raftAddress, String httpAddress) {
    failIfSet();
    members.add(new ClusterMember(id, raftAddress, httpAddress, false));
  }

  @Override
  public void removeMember(String id) {
    failIfSet();
    members.removeIf(m -> m.id().equals(id));
  }

  @Override
  public void transferLeader(String id) {
    failIfSet();
    members.replaceAll(m -> new ClusterMember(m.id(), m.raftAddress(), m.httpAddress(), m.id().equals(id)));
  }
}
