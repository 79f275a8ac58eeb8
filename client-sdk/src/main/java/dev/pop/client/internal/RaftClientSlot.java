package dev.pop.client.internal;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;

/**
 * The current Ratis client of one request kind. A client whose ordered stream has failed is {@linkplain #retire
 * retired}: new attempts get a fresh client, and the old one is closed once its last attempt has ended.
 * Thread-safe.
 */
final class RaftClientSlot implements AutoCloseable {
  /** One client and the attempts using it. */
  static final class Lease {
    private final RaftClient client;
    private int users;
    private boolean retired;

    private Lease(RaftClient client) {
      this.client = client;
    }

    RaftClient client() {
      return client;
    }
  }

  private final Supplier<RaftClient> factory;
  private final Executor closer;
  private Lease current;
  private boolean closed;

  RaftClientSlot(Supplier<RaftClient> factory, Executor closer) {
    this.factory = factory;
    this.closer = closer;
  }

  /** The current client for one attempt; {@link #release} it when the attempt ends. */
  synchronized Lease acquire() throws ClientClosedException {
    if (closed) {
      throw new ClientClosedException();
    }
    if (current == null) {
      current = new Lease(factory.get());
    }
    current.users++;
    return current;
  }

  synchronized void release(Lease lease) {
    lease.users--;
    if (lease.retired && lease.users == 0) {
      closeLater(lease.client);
    }
  }

  /** The lease's client may no longer be used for new attempts. */
  synchronized void retire(Lease lease) {
    if (lease.retired) {
      return;
    }
    lease.retired = true;
    if (current == lease) {
      current = null;
    }
    if (lease.users == 0) {
      closeLater(lease.client);
    }
  }

  /** Retires the current client, if any (e.g. the membership changed). */
  synchronized void retireCurrent() {
    if (current != null) {
      retire(current);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (current != null) {
      current.retired = true;
      closeLater(current.client);
      current = null;
    }
  }

  private void closeLater(RaftClient client) {
    try {
      closer.execute(() -> closeQuietly(client));
    } catch (RuntimeException e) {
      closeQuietly(client);
    }
  }

  private static void closeQuietly(RaftClient client) {
    try {
      client.close();
    } catch (IOException | RuntimeException ignored) {
      // closing a broken client: nothing to do
    }
  }
}
