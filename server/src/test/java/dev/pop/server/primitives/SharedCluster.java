package dev.pop.server.primitives;

import dev.pop.client.PopClient;
import dev.pop.proto.Query;
import dev.pop.proto.Request;
import dev.pop.proto.StatusRequest;
import dev.pop.proto.StatusResponse;
import dev.pop.server.MiniPopCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One 3-member {@link MiniPopCluster} and one SDK client shared by every test class of this package
 * ({@code @ExtendWith(SharedCluster.class)}): started by the first class, closed when the test run ends. Classes that
 * stop members restart them before they end, and clean up their leases, so the next class finds a healthy cluster.
 */
public final class SharedCluster implements BeforeAllCallback {
  private static volatile Holder holder;

  /** The cluster and client, closed at the end of the run. */
  private static final class Holder implements ExtensionContext.Store.CloseableResource {
    final Path dir;
    final MiniPopCluster cluster;
    final PopClient client;

    Holder() throws IOException {
      dir = Files.createTempDirectory("pop-primitives");
      cluster = new MiniPopCluster(dir, 3);
      cluster.awaitLeader(Duration.ofSeconds(30));
      client = newClient(cluster);
    }

    @Override
    public void close() throws IOException {
      client.close();
      cluster.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    holder = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Holder.class, k -> {
          try {
            return new Holder();
          } catch (IOException e) {
            throw new IllegalStateException("cannot start the shared cluster", e);
          }
        }, Holder.class);
  }

  public static MiniPopCluster cluster() {
    return holder.cluster;
  }

  public static PopClient client() {
    return holder.client;
  }

  /** A new client of the shared cluster (the caller closes it). */
  public static PopClient newClient() {
    return newClient(holder.cluster);
  }

  private static PopClient newClient(MiniPopCluster cluster) {
    return PopClient.builder().endpoints(cluster.endpoints()).timeout(Duration.ofSeconds(10)).build();
  }

  /** The leader's own view of its state (revision, keys, leases, held locks), read from its store directly. */
  public static StatusResponse leaderStatus() {
    String leader = cluster().awaitLeader(Duration.ofSeconds(20));
    Query q = Query.newBuilder().addRequests(Request.newBuilder().setStatus(StatusRequest.getDefaultInstance()))
        .build();
    return cluster().server(leader).stateMachine().store().query(q).getResponses(0).getStatus();
  }
}
