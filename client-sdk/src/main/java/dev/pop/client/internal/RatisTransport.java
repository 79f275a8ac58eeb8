package dev.pop.client.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * {@link PopTransport} over Ratis' async client API: writes with {@code async().send}, linearizable reads with
 * {@code sendReadOnly} (leader, ReadIndex), serializable reads with {@code sendStaleRead(msg, 0, member)}. One Ratis
 * client per request kind (and per member for serializable reads). After a failure the client of that kind is
 * replaced, aimed at the suggested leader or at the next member.
 */
public final class RatisTransport implements PopTransport {
  private static final int FAILURES_BEFORE_REDISCOVERY = 3;
  /**
   * Writes go to the leader's write front (a stale-read request carrying the Command), which coalesces the
   * writes of all clients into few log entries; {@code -Dpop.client.writeFront=false} sends each batch as its own
   * Ratis write instead (for comparison).
   */
  static final boolean WRITE_FRONT = Boolean.parseBoolean(System.getProperty("pop.client.writeFront", "true"));
  /**
   * Linearizable reads go to the leader as stale reads flagged {@code linearizable}, answered after the server's
   * read barrier alone, without Ratis' ReadIndex (whose heartbeat wait was seen to add up to half a second);
   * {@code -Dpop.client.barrierReads=false} uses Ratis' {@code sendReadOnly} instead.
   */
  static final boolean BARRIER_READS = Boolean.parseBoolean(System.getProperty("pop.client.barrierReads", "true"));
  /** How a non-leader names the leader in its refusal ("... not the leader ...; leader: n2"). */
  private static final String LEADER_HINT = "; leader: ";

  private final MemberDirectory directory;
  private final RatisClients clients;
  private final Executor closer;
  private final RaftClientSlot writeSlot;
  private final RaftClientSlot readSlot;
  /** Lock waits: unordered linearizable reads with a longer attempt timeout (they are parked up to wait_ms). */
  private final RaftClientSlot lockWaitSlot;
  private final ConcurrentMap<String, RaftClientSlot> staleSlots = new ConcurrentHashMap<>();
  /** Watch polls, per member, with room for the poll's wait in the attempt timeout. */
  private final ConcurrentMap<String, RaftClientSlot> watchSlots = new ConcurrentHashMap<>();
  private final Duration watchAttempt;
  /** Linearizable reads run on a chosen member (Ratis follower ReadIndex). */
  private final ConcurrentMap<String, RaftClientSlot> memberReadSlots = new ConcurrentHashMap<>();
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final java.util.List<String> endpoints;

  public RatisTransport(ClientConfig config, SdkExecutors executors) {
    this.clients = new RatisClients(config);
    this.endpoints = config.endpoints().stream().map(HostPort::address).toList();
    this.closer = executors.blocking();
    this.directory = new MemberDirectory(config.endpoints(), clients, config.probeTimeout(), executors.blocking(),
        m -> retireAll());
    this.writeSlot = newSlot();
    this.readSlot = newSlot();
    Duration lockWaitAttempt = config.attemptTimeout().plus(Duration.ofMillis(LockAcquisition.MAX_WAIT_MS));
    this.lockWaitSlot = new RaftClientSlot(
        () -> clients.newDataClient(directory.known(), directory.leaderHint(), lockWaitAttempt), closer);
    this.watchAttempt = config.attemptTimeout().plus(Duration.ofMillis(WatchHub.POLL_WAIT_MS));
  }

  MemberDirectory directory() {
    return directory;
  }

  RatisClients clients() {
    return clients;
  }

  @Override
  public CompletableFuture<ByteBuffer> send(RequestKind kind, String member, byte[] payload, AttemptHistory history) {
    CompletableFuture<Membership> ready = directory.membership();
    Membership now = ready.getNow(null);
    if (now != null) {
      return sendTo(now, kind, member, payload, history);
    }
    endpoints.forEach(history::noteTried); // being asked for the membership
    return ready.handle((m, err) -> {
      if (err != null) {
        Throwable t = FailureClassifier.unwrap(err);
        if (t instanceof DiscoveryFailedException d) {
          d.probed().forEach(history::noteTried);
        }
        throw new CompletionException(t);
      }
      return m;
    }).thenCompose(m -> sendTo(m, kind, member, payload, history));
  }

  private CompletableFuture<ByteBuffer> sendTo(Membership membership, RequestKind kind, String member,
      byte[] payload, AttemptHistory history) {
    String target = null;
    boolean viaFront = kind == RequestKind.WRITE && WRITE_FRONT
        || kind == RequestKind.LINEARIZABLE_READ && member == null && BARRIER_READS;
    if (viaFront) {
      target = directory.leaderHint();
      if (target == null || membership.member(target) == null) {
        target = membership.members().get(0).id();
      }
    } else if (kind == RequestKind.SERIALIZABLE_READ || kind == RequestKind.WATCH || member != null) {
      target = member != null ? member : directory.readMember();
      if (membership.member(target) == null) {
        return CompletableFuture.failedFuture(new java.io.IOException(
            "[POP:NOT_FOUND] member '" + target + "' is not in the cluster; members: " + ids(membership)));
      }
    }
    RaftClientSlot slot = slotFor(kind, viaFront ? null : target);
    RaftClientSlot.Lease lease;
    try {
      lease = slot.acquire();
    } catch (ClientClosedException e) {
      return CompletableFuture.failedFuture(e);
    }
    RaftClient client = lease.client();
    String to = target != null ? target : String.valueOf(client.getLeaderId());
    if (!history.sending(membership.label(to))) {
      slot.release(lease);
      return CompletableFuture.failedFuture(new NotSentException("the batch ended before it was sent"));
    }
    Message msg = Message.valueOf(UnsafeByteOperations.unsafeWrap(!viaFront ? payload
        : kind == RequestKind.WRITE ? frontWrite(payload) : linearizableQuery(payload)));
    CompletableFuture<RaftClientReply> f;
    try {
      f = switch (kind) {
        case WRITE -> WRITE_FRONT ? client.async().sendStaleRead(msg, 0, RaftPeerId.valueOf(to))
            : client.async().send(msg);
        case LINEARIZABLE_READ -> viaFront ? client.async().sendStaleRead(msg, 0, RaftPeerId.valueOf(to))
            : target == null ? client.async().sendReadOnly(msg) : client.async().sendReadOnly(msg, RaftPeerId.valueOf(to));
        case SERIALIZABLE_READ, WATCH -> client.async().sendStaleRead(msg, 0, RaftPeerId.valueOf(to));
        case LOCK_WAIT -> client.async().sendReadOnlyUnordered(msg, null);
      };
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    final String sentTo = to;
    return f.handle((reply, err) -> {
      slot.release(lease);
      Throwable cause = err;
      if (cause == null && (reply == null || !reply.isSuccess())) {
        cause = reply == null || reply.getException() == null
            ? new java.io.IOException("empty reply from " + sentTo) : reply.getException();
      }
      if (cause != null) {
        onFailure(member != null && kind == RequestKind.LINEARIZABLE_READ || kind == RequestKind.WATCH
            ? RequestKind.SERIALIZABLE_READ : kind,
            slot, lease, sentTo, FailureClassifier.unwrap(cause)); // a member read says nothing of the leader
        throw cause instanceof CompletionException ce ? ce : new CompletionException(cause);
      }
      consecutiveFailures.set(0);
      if (kind == RequestKind.WRITE || (kind != RequestKind.SERIALIZABLE_READ && kind != RequestKind.WATCH
          && member == null)) {
        directory.leaderIs(reply.getServerId().toString());
      }
      return reply.getMessage().getContent().asReadOnlyByteBuffer();
    });
  }

  private void onFailure(RequestKind kind, RaftClientSlot slot, RaftClientSlot.Lease lease, String target,
      Throwable cause) {
    Throwable t = cause;
    if (t instanceof org.apache.ratis.protocol.exceptions.RaftRetryFailureException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof StateMachineException && (kind == RequestKind.WRITE || kind == RequestKind.LINEARIZABLE_READ)
        && String.valueOf(t.getMessage()).contains("not the leader") && t.getMessage().contains(LEADER_HINT)) {
      String m = t.getMessage();
      String hint = m.substring(m.lastIndexOf(LEADER_HINT) + LEADER_HINT.length()).split("[\\s;,)]", 2)[0];
      if (directory.known().member(hint) != null && !hint.equals(target)) {
        directory.leaderIs(hint);
      } else {
        directory.leaderFailed(target);
      }
      return;
    }
    if (t instanceof StateMachineException) {
      return; // a refusal in a normal reply: the stream and the leader are fine
    }
    slot.retire(lease);
    if (kind == RequestKind.SERIALIZABLE_READ) {
      directory.readMemberFailed(target);
    } else if (t instanceof NotLeaderException nle) {
      String suggested = nle.getSuggestedLeader() == null ? null : nle.getSuggestedLeader().getId().toString();
      directory.observePeers(nle.getPeers(), suggested);
      if (suggested == null) {
        directory.leaderFailed(target);
      }
    } else if (!(t instanceof LeaderNotReadyException)) {
      directory.leaderFailed(target);
    }
    if (consecutiveFailures.incrementAndGet() % FAILURES_BEFORE_REDISCOVERY == 0) {
      directory.discover(false);
    }
  }

  /** {@code Query{write = command}} around the Command's bytes (field 2, length-delimited), without re-encoding. */
  static byte[] frontWrite(byte[] command) {
    int lengthBytes = com.google.protobuf.CodedOutputStream.computeUInt32SizeNoTag(command.length);
    byte[] out = new byte[1 + lengthBytes + command.length];
    out[0] = (byte) ((dev.pop.proto.Query.WRITE_FIELD_NUMBER << 3) | 2);
    int len = command.length;
    int p = 1;
    while ((len & ~0x7F) != 0) {
      out[p++] = (byte) ((len & 0x7F) | 0x80);
      len >>>= 7;
    }
    out[p++] = (byte) len;
    System.arraycopy(command, 0, out, p, command.length);
    return out;
  }

  /** A serialized Query with {@code linearizable = true} appended (field 3, varint 1). */
  static byte[] linearizableQuery(byte[] query) {
    byte[] out = java.util.Arrays.copyOf(query, query.length + 2);
    out[query.length] = (byte) (dev.pop.proto.Query.LINEARIZABLE_FIELD_NUMBER << 3);
    out[query.length + 1] = 1;
    return out;
  }

  private RaftClientSlot slotFor(RequestKind kind, String target) {
    return switch (kind) {
      case WRITE -> writeSlot;
      case LINEARIZABLE_READ -> target == null ? readSlot : memberReadSlots.computeIfAbsent(target, t -> newSlot());
      case SERIALIZABLE_READ -> staleSlots.computeIfAbsent(target, t -> newSlot());
      case LOCK_WAIT -> lockWaitSlot;
      case WATCH -> watchSlots.computeIfAbsent(target, t -> new RaftClientSlot(
          () -> clients.newDataClient(directory.known(), directory.leaderHint(), watchAttempt), closer));
    };
  }

  private RaftClientSlot newSlot() {
    return new RaftClientSlot(() -> clients.newDataClient(directory.known(), directory.leaderHint()), closer);
  }

  private void retireAll() {
    writeSlot.retireCurrent();
    readSlot.retireCurrent();
    lockWaitSlot.retireCurrent();
    staleSlots.values().forEach(RaftClientSlot::retireCurrent);
    watchSlots.values().forEach(RaftClientSlot::retireCurrent);
    memberReadSlots.values().forEach(RaftClientSlot::retireCurrent);
  }

  private static String ids(Membership m) {
    StringBuilder b = new StringBuilder();
    for (Member x : m.members()) {
      b.append(b.length() == 0 ? "" : ", ").append(x.id());
    }
    return b.toString();
  }

  @Override
  public int clusterSize() {
    return directory.size();
  }

  @Override
  public void close() {
    writeSlot.close();
    readSlot.close();
    lockWaitSlot.close();
    staleSlots.values().forEach(RaftClientSlot::close);
    watchSlots.values().forEach(RaftClientSlot::close);
    memberReadSlots.values().forEach(RaftClientSlot::close);
  }
}
