package dev.pop.client.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The lanes of one client: writes, linearizable reads, and serializable reads per target member ("any" too). */
final class Lanes implements AutoCloseable {
  private static final String ANY_MEMBER = "\u0000any";

  private final PopTransport transport;
  private final ClientConfig config;
  private final SdkExecutors executors;
  private final Lane writes;
  private final Lane linearizableReads;
  private final Lane lockWaits;
  private final ConcurrentMap<String, Lane> memberLinearizableReads = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Lane> serializableReads = new ConcurrentHashMap<>();
  private volatile boolean closed;

  Lanes(PopTransport transport, ClientConfig config, SdkExecutors executors, WriteSession session) {
    this.transport = transport;
    this.config = config;
    this.executors = executors;
    this.writes = new Lane("pop-writes", RequestKind.WRITE, null, transport, config, executors, session);
    this.linearizableReads = new Lane("pop-reads", RequestKind.LINEARIZABLE_READ, null, transport, config, executors,
        null);
    // one parked lock wait per Query, and as many in flight as there are waiting callers (up to the limit)
    ClientConfig waits = new ClientConfig(config.endpoints(), config.timeout(), 1, config.maxBatchBytes(),
        ClientConfig.MAX_IN_FLIGHT_LIMIT, java.time.Duration.ZERO);
    this.lockWaits = new Lane("pop-lock-waits", RequestKind.LOCK_WAIT, null, transport, waits, executors, null);
  }

  /** Lock waits: each alone in its Query, unordered, many in flight. */
  Lane lockWaits() {
    return lockWaits;
  }

  Lane writes() {
    return writes;
  }

  /** @param member the member that must run the ReadIndex read (a follower read), or null for the leader */
  Lane linearizableReads(String member) {
    if (member == null) {
      return linearizableReads;
    }
    Lane lane = memberLinearizableReads.computeIfAbsent(member,
        k -> new Lane("pop-member-reads", RequestKind.LINEARIZABLE_READ, member, transport, config, executors, null));
    if (closed) {
      lane.close();
    }
    return lane;
  }

  /** @param member the member that must answer, or null for any */
  Lane serializableReads(String member) {
    Lane lane = serializableReads.computeIfAbsent(member == null ? ANY_MEMBER : member,
        k -> new Lane("pop-serializable-reads", RequestKind.SERIALIZABLE_READ, member, transport, config, executors,
            null));
    if (closed) {
      lane.close();
    }
    return lane;
  }

  @Override
  public void close() {
    closed = true;
    writes.close();
    linearizableReads.close();
    lockWaits.close();
    memberLinearizableReads.values().forEach(Lane::close);
    serializableReads.values().forEach(Lane::close);
  }
}
