package dev.pop.examples;

import dev.pop.client.ConflictException;
import dev.pop.client.FenceGuard;
import dev.pop.client.PopClient;
import dev.pop.client.counter.Bounds;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.lease.Lease;
import dev.pop.client.lease.LeaseKeeper;
import dev.pop.client.lock.LockGrant;
import dev.pop.client.saga.SagaDefinition;
import dev.pop.client.saga.StepContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The image store of the mission: a gateway registers an upload's metadata, takes a fenced lock per file and
 * writes to storage nodes that check the fence; a download counter cannot go below zero; a share link lives as
 * long as a lease; and a three-step saga (store, thumbnail, publish) whose coordinator may die midway is finished
 * by another. Storage nodes are in-process objects here; in production they are separate services that keep the
 * highest fence per file ({@link FenceGuard} with a file store).
 */
public final class ImageStore {
  /** A storage node: refuses a write whose fence is older than one it has seen for that file. */
  public static final class StorageNode {
    final String name;
    final FenceGuard guard = FenceGuard.inMemory();
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Effects of saga steps, by idempotency key: a re-run with the same key changes nothing. */
    final Map<String, String> applied = new ConcurrentHashMap<>();

    public StorageNode(String name) {
      this.name = name;
    }

    /** @throws ConflictException if {@code fence} is stale for {@code file} */
    public void write(String file, long fence, byte[] data) {
      guard.check(file, fence);
      files.put(file, data.clone());
    }

    /** An idempotent effect of a saga step: applied once per key, whatever the number of calls. */
    public boolean applyOnce(String idempotencyKey, String effect) {
      return applied.putIfAbsent(idempotencyKey, effect) == null;
    }

    public Map<String, String> applied() {
      return Map.copyOf(applied);
    }

    public boolean has(String file) {
      return files.containsKey(file);
    }
  }

  private final PopClient pop;
  private final List<StorageNode> nodes;
  private final Consumer<String> log;

  public ImageStore(PopClient pop, List<StorageNode> nodes, Consumer<String> log) {
    this.pop = pop;
    this.nodes = List.copyOf(nodes);
    this.log = log;
  }

  /**
   * Uploads {@code file}: metadata, then the bytes to every node under the file's lock. Returns the fence it
   * wrote with.
   */
  public long upload(String file, byte[] data) {
    pop.kv().put("images/" + file + "/meta", "size=" + data.length);
    try (LeaseKeeper lease = pop.leases().grantAndKeep(Duration.ofSeconds(5), lost -> log.accept("lease lost"))) {
      LockGrant grant = pop.locks().lock("images/" + file, lease.leaseId(), Duration.ofSeconds(10));
      for (StorageNode node : nodes) {
        node.write(file, grant.fence(), data);
      }
      log.accept("uploaded " + file + " to " + nodes.size() + " nodes with fence " + grant.fence());
      pop.locks().unlock(grant.name(), grant.fence());
      return grant.fence();
    }
  }

  /** Allows {@code n} more downloads of {@code file}. */
  public long allowDownloads(String file, long n) {
    return pop.counters().increment("images/" + file + "/downloads-left", n);
  }

  /** Takes one download; false when none is left (the counter never goes below zero). */
  public boolean download(String file) {
    try {
      pop.counters().increment("images/" + file + "/downloads-left", -1, new Bounds(0L, null));
      return true;
    } catch (ConflictException e) {
      return false;
    }
  }

  /** A share link that disappears when its lease ends (after {@code ttl}, unless kept alive). */
  public Lease share(String file, Duration ttl) {
    Lease lease = pop.leases().grant(ttl);
    pop.kv().put(("images/" + file + "/share").getBytes(StandardCharsets.UTF_8),
        ("https://img.example/" + file).getBytes(StandardCharsets.UTF_8), PutOptions.builder().lease(lease.id()).build());
    return lease;
  }

  public boolean shared(String file) {
    return pop.kv().get("images/" + file + "/share").first().isPresent();
  }

  /**
   * The publishing saga of a file: store (the original on every node), thumbnail, publish (a public key); each
   * step's effect is applied once per idempotency key, and each compensation undoes it.
   */
  public SagaDefinition publishing(String file, Consumer<StepContext> beforeEachStep) {
    return SagaDefinition.named("publish-image")
        .step("store", c -> effect(c, beforeEachStep, "stored " + file), c -> effect(c, x -> { }, "removed " + file))
        .step("thumbnail", c -> effect(c, beforeEachStep, "thumbnail of " + file),
            c -> effect(c, x -> { }, "thumbnail of " + file + " removed"))
        .step("publish", c -> {
          beforeEachStep.accept(c);
          pop.kv().put("public/" + file, "https://img.example/" + file);
          effect(c, x -> { }, "published " + file);
        }, c -> {
          pop.kv().delete("public/" + file);
          effect(c, x -> { }, "unpublished " + file);
        });
  }

  private void effect(StepContext c, Consumer<StepContext> before, String what) {
    before.accept(c);
    for (StorageNode node : nodes) {
      if (node.applyOnce(c.idempotencyKey(), what)) {
        log.accept(node.name + ": " + what + " (" + c.idempotencyKey() + ")");
      }
    }
  }
}
