package dev.pop.server.ratis;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.pop.proto.Command;
import dev.pop.proto.CommandResult;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.LogEntry;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.ResponseHeader;
import dev.pop.server.apply.ReplicatedStore;
import dev.pop.server.apply.RequestValidator;
import dev.pop.server.lease.RatisSelfProposer;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The Ratis adapter: parses, validates before the log, dispatches to the {@link ReplicatedStore}, and hands
 * Ratis snapshots. No business logic lives here.
 *
 * <p>Writes: {@link #startTransaction} runs on the leader only. It validates the {@link Command} (a rejected
 * request never reaches the log), refuses writes when the leader is cut off from its majority, and wraps
 * the command into a {@link LogEntry} stamped with the leader's clock. {@link #applyTransaction} applies
 * committed entries in log order; business errors are results, and only a broken disk throws (which stops
 * the member, as it must).
 *
 * <p>Reads: {@link #query} serves both linearizable reads (Ratis runs ReadIndex first) and serializable ones
 * ({@code sendStaleRead} calls {@link #queryStale}, which ends here).
 */
public final class PopStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(PopStateMachine.class);

  /** Opens (or creates) the live store in a directory. */
  @FunctionalInterface
  public interface StoreOpener {
    ReplicatedStore open(Path dir) throws IOException;
  }

  private final Path storeDir;
  private final StoreOpener opener;
  private final RequestValidator validator;
  private final CheckpointSnapshots snapshots = new CheckpointSnapshots();
  /** apply/query share the store; reinitialize and close swap or close it. */
  private final ReadWriteLock storeLock = new ReentrantReadWriteLock();
  private final long quorumStaleAfterMs;
  private volatile ReplicatedStore store;
  private volatile QuorumGuard quorumGuard;
  private volatile ReadBarrier readBarrier;
  private final boolean unsafeLocalReads;
  private volatile String memberId = "";
  // While leader, lease expiry and auto-compaction propose internal entries through this member itself, under a
  // client id only this process knows; startTransaction accepts internal ops (lease_expire, compact) only from it.
  private final RatisSelfProposer selfProposer = new RatisSelfProposer(() -> getServer().join(), this::getGroupId);
  private volatile LeaderTasks leaderTasks = new LeaderTasks(() -> store, selfProposer, 0);
  private volatile LeaderEntries leaderEntries;
  private volatile WriteFront writeFront;
  private volatile java.util.function.Supplier<org.apache.ratis.server.DivisionInfo> division;
  /** POP log entries applied since start (Ratis' own metadata and configuration entries not counted). */
  private final java.util.concurrent.atomic.AtomicLong appliedEntries = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong snapshotInstalls = new java.util.concurrent.atomic.AtomicLong();

  public PopStateMachine(Path storeDir, StoreOpener opener, RequestValidator validator, long quorumStaleAfterMs) {
    this(storeDir, opener, validator, quorumStaleAfterMs, false);
  }

  /** @param unsafeLocalReads TEST ONLY: answer linearizable reads without proving leadership (see ServerConfig) */
  public PopStateMachine(Path storeDir, StoreOpener opener, RequestValidator validator, long quorumStaleAfterMs,
      boolean unsafeLocalReads) {
    this.unsafeLocalReads = unsafeLocalReads;
    this.storeDir = storeDir;
    this.opener = opener;
    this.validator = validator;
    this.quorumStaleAfterMs = quorumStaleAfterMs;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    super.initialize(server, groupId, raftStorage);
    memberId = server.getId().toString();
    snapshots.init(raftStorage);
    division = () -> {
      try {
        return server.getDivision(groupId).getInfo();
      } catch (IOException e) {
        throw new IllegalStateException("not a member of the POP group", e);
      }
    };
    quorumGuard = new QuorumGuard(division, quorumStaleAfterMs);
    readBarrier = new ReadBarrier(division, selfProposer::propose);
    leaderEntries = new LeaderEntries(validator, () -> quorumGuard);
    writeFront = new WriteFront(validator, division, () -> quorumGuard,
        new RatisSelfProposer(() -> getServer().join(), this::getGroupId));
    getLifeCycle().startAndTransition(this::openStore, IOException.class);
  }

  /** Opens the live store, first rebuilding it from the newest snapshot if the snapshot is ahead of it. */
  private void openStore() throws IOException {
    final SnapshotInfo snapshot = snapshots.getLatestSnapshot();
    ReplicatedStore s = opener.open(storeDir);
    if (snapshot != null && s.appliedIndex() < snapshot.getIndex()) {
      LOG.info("{}: store at index {} is behind snapshot {}; rebuilding the store from it",
          memberId, s.appliedIndex(), snapshot.getTermIndex());
      s.close();
      snapshots.restoreLatestInto(storeDir);
      s = opener.open(storeDir);
    }
    store = s;
    // Ratis replays the log from the snapshot index; entries the store already holds are skipped by it.
    final TermIndex start = snapshot != null ? snapshot.getTermIndex() : TermIndex.valueOf(0, -1);
    setLastAppliedTermIndex(start);
    LOG.info("{}: store open at applied index {} revision {}, snapshot {}",
        memberId, s.appliedIndex(), s.revision(), snapshot == null ? "none" : snapshot.getTermIndex());
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return snapshots;
  }

  // ------------------------------------------------------------------ writes

  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    final TransactionContext.Builder trx = TransactionContext.newBuilder()
        .setStateMachine(this)
        .setClientRequest(request);
    final ByteString content = request.getMessage().getContent();
    if (selfProposer.isOwn(request)) { // the leader's own lease expiry, compaction, read barrier
      return leaderEntries.internal(trx, content);
    }
    if (writeFront != null && writeFront.isOwn(request)) { // clients' writes coalesced by the front
      return leaderEntries.batch(trx, content);
    }
    final Command command;
    try {
      command = Command.parseFrom(content.asReadOnlyByteBuffer());
    } catch (InvalidProtocolBufferException e) {
      return LeaderEntries.reject(trx, new PopRejection(ErrorCode.INVALID_ARGUMENT, "write: malformed request: " + e.getMessage()));
    }
    final Optional<dev.pop.proto.Error> invalid = validator.validate(command);
    if (invalid.isPresent()) {
      return LeaderEntries.reject(trx, PopRejection.of(invalid.get()));
    }
    final Optional<String> noQuorum = quorumGuard.check();
    if (noQuorum.isPresent()) {
      return LeaderEntries.reject(trx, new PopRejection(ErrorCode.UNAVAILABLE, "write not accepted: " + noQuorum.get()));
    }
    final long now = System.currentTimeMillis();
    final LogEntry entry = LogEntry.newBuilder().setLeaderTimeMs(now).setCommand(command).build();
    return trx.setLogData(LogEntryCodec.wrap(now, content)).setStateMachineContext(entry).build();
  }

  /** Ratis: this member is leader and has applied its first entry of the term. */
  @Override
  public void notifyLeaderReady() {
    leaderTasks.start();
  }

  @Override
  public void notifyNotLeader(Collection<TransactionContext> pendingEntries) {
    leaderTasks.stop();
  }

  /** Keep the last {@code revisions} of history while leading (0: no automatic compaction); call before start. */
  public PopStateMachine withCompactionRetention(long revisions) {
    leaderTasks.close();
    leaderTasks = new LeaderTasks(() -> store, selfProposer, revisions);
    return this;
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
    LOG.info("{}: leader is now {}", memberId, newLeaderId);
    if (!groupMemberId.getPeerId().equals(newLeaderId)) {
      leaderTasks.stop();
    }
  }

  /** Membership changes (joint consensus steps included) are logged where they are applied. */
  @Override
  public void notifyConfigurationChanged(long term, long index,
      org.apache.ratis.proto.RaftProtos.RaftConfigurationProto newConf) {
    LOG.info("{}: membership at index {} (term {}): {}{}", memberId, index, term,
        newConf.getPeersList().stream().map(p -> p.getId().toStringUtf8() + "=" + p.getAddress()).toList(),
        newConf.getOldPeersCount() > 0 ? " (joint with the old configuration)" : "");
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    final LogEntryProto logEntry = trx.getLogEntry();
    final long term = logEntry.getTerm();
    final long index = logEntry.getIndex();
    final CommandResult result;
    storeLock.readLock().lock();
    try {
      final LogEntry entry = trx.getStateMachineContext() instanceof LogEntry e ? e
          : LogEntry.parseFrom(logEntry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
      result = store.apply(term, index, entry);
      appliedEntries.incrementAndGet();
      updateLastAppliedTermIndex(term, index);
    } catch (IOException e) {
      // A committed entry that cannot be parsed or written means a broken disk or a bug: stop this member
      // rather than diverge from the others.
      LOG.error("{}: cannot apply log entry {}; stopping", memberId, TermIndex.valueOf(term, index), e);
      throw new IllegalStateException("apply failed at " + TermIndex.valueOf(term, index), e);
    } finally {
      storeLock.readLock().unlock();
    }
    final CommandResult withHeader = result.toBuilder()
        .setHeader(result.getHeader().toBuilder().setMemberId(memberId).setRaftTerm(term)).build();
    return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(withHeader.toByteArray())));
  }

  /** Entries without POP content (leader no-ops, configuration changes) still advance the store's applied index. */
  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    storeLock.readLock().lock();
    try {
      if (index > store.appliedIndex()) {
        store.apply(term, index, LogEntry.getDefaultInstance());
      }
    } catch (IOException e) {
      LOG.error("{}: cannot record applied index {}; stopping", memberId, index, e);
      throw new IllegalStateException("apply failed at " + TermIndex.valueOf(term, index), e);
    } finally {
      storeLock.readLock().unlock();
    }
    super.notifyTermIndexUpdated(term, index);
  }

  // ------------------------------------------------------------------ reads

  /** Linearizable read (Ratis ran ReadIndex first): also waits for a {@link ReadBarrier}. */
  @Override
  public CompletableFuture<Message> query(Message request) {
    final long arrival = System.nanoTime();
    return unsafeLocalReads ? answer(request) // test-only switch: no leadership proof at all
        : readBarrier.await(arrival).thenCompose(v -> answer(request));
  }

  /**
   * Serializable read: this member's local state, as it is. Also the way in to the leader's {@link WriteFront}
   * ({@code Query.write}) and to linearizable reads proven by the {@link ReadBarrier} alone ({@code linearizable}).
   */
  @Override
  public CompletableFuture<Message> queryStale(Message request, long minIndex) {
    final long arrival = System.nanoTime();
    final Query query;
    try {
      query = Query.parseFrom(request.getContent().asReadOnlyByteBuffer());
    } catch (InvalidProtocolBufferException e) {
      return malformed(e);
    }
    if (query.hasWrite()) {
      return writeFront.submit(query.getWrite());
    }
    if (!query.getLinearizable() || unsafeLocalReads) {
      return answer(query);
    }
    return readBarrier.await(arrival).handle((v, e) -> e).thenCompose(e -> e == null ? answer(query)
        : CompletableFuture.failedFuture(WriteFront.asReply(new PopRejection(ErrorCode.UNAVAILABLE,
            e.getMessage().replaceFirst("^\\[POP:UNAVAILABLE\\] ", "") + "; leader: " + leaderHint()))));
  }

  private String leaderHint() {
    return division.get().getLeaderId() == null ? "unknown" : division.get().getLeaderId().toString();
  }

  private static CompletableFuture<Message> malformed(InvalidProtocolBufferException e) {
    return CompletableFuture.failedFuture(
        new PopRejection(ErrorCode.INVALID_ARGUMENT, "read: malformed request: " + e.getMessage()));
  }

  private CompletableFuture<Message> answer(Message request) {
    try {
      return answer(Query.parseFrom(request.getContent().asReadOnlyByteBuffer()));
    } catch (InvalidProtocolBufferException e) {
      return malformed(e);
    }
  }

  private CompletableFuture<Message> answer(Query query) {
    if (query.hasWrite()) {
      return CompletableFuture.failedFuture(new PopRejection(ErrorCode.INVALID_ARGUMENT,
          "read: a write for the write front goes as a stale read to the leader, not as a linearizable read"));
    }
    final Optional<dev.pop.proto.Error> invalid = validator.validate(query);
    if (invalid.isPresent()) {
      return CompletableFuture.failedFuture(PopRejection.of(invalid.get()));
    }
    final CompletableFuture<QueryResult> pending;
    storeLock.readLock().lock();
    try {
      pending = store.queryAsync(query);
    } finally {
      storeLock.readLock().unlock();
    }
    return pending.thenApply(result -> {
      final ResponseHeader header = result.getHeader().toBuilder()
          .setMemberId(memberId).setRaftTerm(currentTerm()).build();
      return Message.valueOf(UnsafeByteOperations.unsafeWrap(result.toBuilder().setHeader(header).build().toByteArray()));
    });
  }

  private long currentTerm() {
    return division.get().getCurrentTerm();
  }

  // ------------------------------------------------------------------ snapshots

  @Override
  public long takeSnapshot() throws IOException {
    // Runs on Ratis' apply thread between entries, so the applied index cannot move underneath.
    return snapshots.take(getLastAppliedTermIndex(), dir -> {
      storeLock.readLock().lock();
      try {
        store.checkpoint(dir);
      } finally {
        storeLock.readLock().unlock();
      }
    });
  }

  /** Called by Ratis before it installs a snapshot from the leader; Ratis checks the PAUSED state. */
  @Override
  public void pause() {
    getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.PAUSING);
    getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.PAUSED);
  }

  /** Called by Ratis after it installed a snapshot from the leader into the state machine directory. */
  @Override
  public void reinitialize() throws IOException {
    snapshotInstalls.incrementAndGet();
    storeLock.writeLock().lock();
    try {
      snapshots.reload();
      store.close();
      openStore();
    } finally {
      storeLock.writeLock().unlock();
    }
    if (getLifeCycleState() == org.apache.ratis.util.LifeCycle.State.PAUSED) {
      getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.STARTING);
      getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.RUNNING);
    }
  }

  @Override
  public void close() throws IOException {
    leaderTasks.close();
    storeLock.writeLock().lock();
    try {
      if (store != null) {
        store.close();
      }
    } finally {
      storeLock.writeLock().unlock();
    }
    super.close();
  }

  /** Snapshots installed from the leader since start (a new or far-behind member catching up). */
  public long snapshotInstalls() {
    return snapshotInstalls.get();
  }

  /** Number of POP log entries this member applied since it started (for metrics and tests). */
  public long appliedEntries() {
    return appliedEntries.get();
  }

  /** The store, for status reporting and tests; do not write through it. */
  public ReplicatedStore store() {
    return store;
  }
}
