package dev.pop.bench.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * ZooKeeper through its own async client (one session per connection) and, for locks, Curator's
 * {@link InterProcessMutex} (one per logical client, the lock recipe of ephemeral sequential nodes). Keys are
 * znodes {@code /bench/key-%08d}; a put is a {@code setData} of an existing znode; the "linearizable" read is
 * {@code sync} then {@code getData} (ZooKeeper's closest; not strictly linearizable). Curator's mutex blocks, so
 * each lock cycle runs on a thread of its own client (a pool of one thread per logical client).
 */
final class ZooKeeperPeer implements Peer {

  private static final int SESSION_TIMEOUT_MS = 30_000;

  private final List<ZooKeeper> sessions = new ArrayList<>();
  private final List<CuratorFramework> curators = new ArrayList<>();
  private final InterProcessMutex[] mutexes;
  private final ExecutorService lockThreads;
  private final String connectString;

  ZooKeeperPeer(List<String> endpoints, int conns, int lockers) throws IOException, InterruptedException {
    connectString = String.join(",", endpoints);
    for (int i = 0; i < conns; i++) {
      CountDownLatch connected = new CountDownLatch(1);
      ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MS, event -> {
        if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
          connected.countDown();
        }
      });
      sessions.add(zk);
      if (!connected.await(30, TimeUnit.SECONDS)) {
        throw new IOException("no ZooKeeper session with " + connectString + " in 30 s");
      }
    }
    mutexes = new InterProcessMutex[lockers];
    lockThreads = lockers == 0 ? null : Executors.newFixedThreadPool(lockers, r -> {
      Thread t = new Thread(r, "zk-locker");
      t.setDaemon(true);
      return t;
    });
    try {
      sessions.get(0).create("/bench", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    } catch (KeeperException.NodeExistsException e) {
      // from an earlier run
    } catch (KeeperException e) {
      throw new IOException("cannot create /bench: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return "zookeeper";
  }

  private static String path(byte[] key) {
    return "/" + new String(key, StandardCharsets.US_ASCII);
  }

  private static KeeperException failure(int rc, String path) {
    return KeeperException.create(Code.get(rc), path);
  }

  @Override
  public CompletableFuture<?> create(int conn, byte[] key, byte[] value) {
    CompletableFuture<Object> done = new CompletableFuture<>();
    sessions.get(conn).create(path(key), value, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
        (rc, path, ctx, name) -> {
          if (rc == Code.OK.intValue() || rc == Code.NODEEXISTS.intValue()) {
            done.complete(path);
          } else {
            done.completeExceptionally(failure(rc, path));
          }
        }, null);
    return done;
  }

  @Override
  public boolean putNeedsKeys() {
    return true;
  }

  @Override
  public CompletableFuture<?> put(int conn, byte[] key, byte[] value) {
    CompletableFuture<Object> done = new CompletableFuture<>();
    sessions.get(conn).setData(path(key), value, -1, (rc, path, ctx, stat) -> {
      if (rc == Code.OK.intValue()) {
        done.complete(stat);
      } else {
        done.completeExceptionally(failure(rc, path));
      }
    }, null);
    return done;
  }

  @Override
  public CompletableFuture<?> get(int conn, byte[] key, boolean linearizable) {
    ZooKeeper zk = sessions.get(conn);
    String path = path(key);
    CompletableFuture<Object> done = new CompletableFuture<>();
    Runnable read = () -> zk.getData(path, false, (rc, p, ctx, data, stat) -> {
      if (rc == Code.OK.intValue()) {
        done.complete(data);
      } else {
        done.completeExceptionally(failure(rc, p));
      }
    }, null);
    if (!linearizable) {
      read.run();
      return done;
    }
    // sync and getData on one session are answered in order: the read reflects at least the sync point
    zk.sync(path, (rc, p, ctx) -> {
      if (rc != Code.OK.intValue()) {
        done.completeExceptionally(failure(rc, p));
      }
    }, null);
    read.run();
    return done;
  }

  @Override
  public CompletableFuture<?> prepareLocker(int client, int conn, String name) {
    return CompletableFuture.runAsync(() -> {
      synchronized (curators) {
        while (curators.size() <= conn) {
          CuratorFramework curator = CuratorFrameworkFactory.newClient(connectString, SESSION_TIMEOUT_MS, 15_000,
              new RetryOneTime(100));
          curator.start();
          curators.add(curator);
        }
      }
      mutexes[client] = new InterProcessMutex(curators.get(conn), "/" + name);
    }, lockThreads);
  }

  @Override
  public CompletableFuture<?> lockCycle(int client) {
    return CompletableFuture.runAsync(() -> {
      InterProcessMutex mutex = mutexes[client];
      try {
        mutex.acquire();
        mutex.release();
      } catch (Exception e) {
        throw new IllegalStateException("lock cycle of client " + client + ": " + e.getMessage(), e);
      }
    }, lockThreads);
  }

  @Override
  public CompletableFuture<?> cleanupLocker(int client) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    if (lockThreads != null) {
      lockThreads.shutdownNow();
    }
    curators.forEach(CuratorFramework::close);
    // each close waits for the server's answer: in parallel, 100 sessions take one round trip, not 100
    sessions.parallelStream().forEach(zk -> {
      try {
        zk.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
