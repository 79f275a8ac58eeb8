package dev.pop.examples;

import dev.pop.client.ConflictException;
import dev.pop.client.PopClient;
import dev.pop.client.saga.SagaState;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Runs the image-store flow against a cluster ({@code POP_ENDPOINTS}, default 127.0.0.1:7701) and prints what
 * happens. The first saga coordinator dies in the middle of the thumbnail step (its thread throws an Error and
 * its client goes away without releasing anything, as a killed process would); a second coordinator waits for
 * the dead one's lease to end and finishes the saga.
 *
 * <pre>mvn -q -pl examples -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/cp.txt && \
 *     java -cp "examples/target/classes:$(cat examples/target/cp.txt)" dev.pop.examples.ImageStoreDemo</pre>
 */
public final class ImageStoreDemo {
  /** What a coordinator's death looks like to the saga runner. */
  static final class CoordinatorKilled extends Error {
    CoordinatorKilled() {
      super("coordinator killed");
    }
  }

  private ImageStoreDemo() {}

  public static void main(String[] args) {
    String endpoints = System.getenv().getOrDefault(PopClient.ENDPOINTS_ENV, PopClient.DEFAULT_ENDPOINT);
    int code = run(List.of(endpoints.split(",")), System.out::println) ? 0 : 1;
    System.exit(code);
  }

  /** The whole flow; true if every expectation held. */
  public static boolean run(List<String> endpoints, java.util.function.Consumer<String> log) {
    List<ImageStore.StorageNode> nodes = List.of(new ImageStore.StorageNode("node-a"),
        new ImageStore.StorageNode("node-b"));
    String file = "cat-" + System.nanoTime() + ".jpg";
    byte[] data = "not really a jpeg".getBytes(StandardCharsets.UTF_8);
    boolean ok = true;
    try (PopClient gateway = PopClient.builder().endpoints(endpoints).build()) {
      ImageStore store = new ImageStore(gateway, nodes, log);
      long first = store.upload(file, data);
      long second = store.upload(file, data);
      try {
        nodes.get(0).write(file, first, data); // a slow writer that still has the old fence
        log.accept("BUG: a stale fence was accepted");
        ok = false;
      } catch (ConflictException e) {
        log.accept("stale writer refused: " + e.getMessage());
      }
      ok &= second > first;

      store.allowDownloads(file, 2);
      boolean d1 = store.download(file);
      boolean d2 = store.download(file);
      boolean d3 = store.download(file);
      log.accept("downloads: " + d1 + ", " + d2 + ", " + d3 + " (the third finds none left)");
      ok &= d1 && d2 && !d3;

      store.share(file, Duration.ofSeconds(2));
      log.accept("share link live: " + store.shared(file));
      ok &= store.shared(file);

      try (PopClient doomed = PopClient.builder().endpoints(endpoints).build()) {
        ImageStore coordinator = new ImageStore(doomed, nodes, log);
        doomed.sagas().run(coordinator.publishing(file, c -> {
          if (c.stepName().equals("thumbnail")) {
            throw new CoordinatorKilled();
          }
        }), "publish-" + file, data, Duration.ofSeconds(5));
      } catch (CoordinatorKilled e) {
        log.accept("coordinator 1 died during the thumbnail step");
      }
      SagaState s = gateway.sagas().run(store.publishing(file, c -> { }), "publish-" + file, null,
          Duration.ofSeconds(30));
      log.accept("coordinator 2 finished the saga: " + s.status() + " after " + s.transitions().size()
          + " transitions");
      ok &= s.status() == SagaState.Status.COMPLETED;
      ok &= gateway.kv().get("public/" + file).first().isPresent();

      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (store.shared(file) && System.nanoTime() < deadline) {
        sleep(200);
      }
      log.accept("share link live after its lease ended: " + store.shared(file));
      ok &= !store.shared(file);
    }
    log.accept(ok ? "image store flow: OK" : "image store flow: FAILED");
    return ok;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
