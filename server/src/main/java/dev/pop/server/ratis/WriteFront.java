package dev.pop.server.ratis;

import dev.pop.proto.Command;
import dev.pop.proto.CommandBatch;
import dev.pop.proto.CommandResult;
import dev.pop.proto.ErrorCode;
import dev.pop.server.apply.RequestValidator;
import dev.pop.server.lease.RatisSelfProposer;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The leader's write front: clients send their write batches here (a {@code Query} carrying {@code write}, over
 * Ratis' stale-read path, which costs no log entry), and the front coalesces the Commands of all clients that
 * arrive while earlier entries are in flight into one {@code LogEntry.batch}. Ratis' cost is per log entry, so
 * a hundred small clients then cost a few entries, not a hundred (the SDK does the same per client).
 *
 * <p>Each Command keeps its client id and request id, so exactly-once holds as for a direct write: the applier
 * runs every Command of the batch through its session, in order, and the front answers each client with its own
 * {@link CommandResult}. Checks happen before a Command is queued: validation (INVALID_ARGUMENT), leadership
 * (UNAVAILABLE "not the leader", naming the leader when known) and the quorum guard (UNAVAILABLE). Once a batch
 * is proposed, a failure of the proposal is UNKNOWN_OUTCOME for each of its Commands: the entry may still commit
 * under the next leader, and a retry with the same ids is answered from the session.
 */
final class WriteFront {
  /** Entries of coalesced writes in flight at once; more Commands wait and form the next batch. */
  static final int MAX_IN_FLIGHT = 2;
  /** Bytes of Commands per entry (a single larger Command goes alone). */
  static final int MAX_BATCH_BYTES = 1 << 20;

  private record Pending(Command command, int bytes, CompletableFuture<Message> reply) {}

  private final RequestValidator validator;
  private final Supplier<DivisionInfo> division;
  private final Supplier<QuorumGuard> quorum;
  private final RatisSelfProposer proposer;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;

  WriteFront(RequestValidator validator, Supplier<DivisionInfo> division, Supplier<QuorumGuard> quorum,
      RatisSelfProposer proposer) {
    this.validator = validator;
    this.division = division;
    this.quorum = quorum;
    this.proposer = proposer;
  }

  /** True for a batch this front proposed (startTransaction turns it into {@code LogEntry.batch}). */
  boolean isOwn(org.apache.ratis.protocol.RaftClientRequest request) {
    return proposer.isOwn(request);
  }

  /** Queues one client's Command; the reply is its CommandResult once the batch holding it is applied here. */
  CompletableFuture<Message> submit(Command command) {
    Optional<dev.pop.proto.Error> invalid = validator.validate(command);
    if (invalid.isPresent()) {
      return refuse(PopRejection.of(invalid.get()));
    }
    DivisionInfo info = division.get();
    if (info.isLeader() && !info.isLeaderReady()) {
      return refuse(new PopRejection(ErrorCode.UNAVAILABLE,
          "write not accepted: the new leader has not applied its first entry yet; retry"));
    }
    if (!info.isLeader()) {
      String leader = info.getLeaderId() == null ? "unknown" : info.getLeaderId().toString();
      return refuse(new PopRejection(ErrorCode.UNAVAILABLE, "write not accepted: not the leader; leader: " + leader));
    }
    Optional<String> noQuorum = quorum.get().check();
    if (noQuorum.isPresent()) {
      return refuse(new PopRejection(ErrorCode.UNAVAILABLE, "write not accepted: " + noQuorum.get()));
    }
    Pending p = new Pending(command, command.getSerializedSize(), new CompletableFuture<>());
    synchronized (this) {
      queue.add(p);
    }
    flush();
    return p.reply;
  }

  /** Proposes queued Commands while fewer than {@link #MAX_IN_FLIGHT} batches are in flight. */
  private void flush() {
    while (true) {
      List<Pending> batch;
      synchronized (this) {
        if (queue.isEmpty() || inFlight >= MAX_IN_FLIGHT) {
          return;
        }
        batch = new ArrayList<>();
        int bytes = 0;
        while (!queue.isEmpty() && (batch.isEmpty() || bytes + queue.peek().bytes <= MAX_BATCH_BYTES)) {
          Pending p = queue.poll();
          bytes += p.bytes;
          batch.add(p);
        }
        inFlight++;
      }
      propose(batch);
    }
  }

  private void propose(List<Pending> batch) {
    CommandBatch.Builder entry = CommandBatch.newBuilder();
    batch.forEach(p -> entry.addCommands(p.command));
    CompletableFuture<?> proposed;
    try {
      proposed = proposer.propose(entry.build().toByteArray());
    } catch (RuntimeException e) {
      proposed = CompletableFuture.failedFuture(e);
    }
    proposed.whenComplete((reply, error) -> {
      synchronized (this) {
        inFlight--;
      }
      answer(batch, reply, error);
      flush();
    });
  }

  private static void answer(List<Pending> batch, Object reply, Throwable error) {
    if (error == null && reply instanceof RaftClientReply r && r.isSuccess()) {
      try {
        CommandResult result = CommandResult.parseFrom(r.getMessage().getContent().asReadOnlyByteBuffer());
        for (int i = 0; i < batch.size(); i++) {
          CommandResult one = result.getBatch(i).toBuilder().setHeader(result.getHeader()).build();
          batch.get(i).reply.complete(Message.valueOf(UnsafeByteOperations.unsafeWrap(one.toByteArray())));
        }
        return;
      } catch (Exception e) {
        error = e;
      }
    }
    Throwable cause = error != null ? error : reply instanceof RaftClientReply r ? r.getException() : null;
    PopRejection refused = definiteRefusal(cause);
    PopRejection outcome = refused != null ? refused : new PopRejection(ErrorCode.UNKNOWN_OUTCOME,
        "write may have been applied: its batch ended without a result (" + describe(cause) + "); retry it");
    batch.forEach(p -> p.reply.completeExceptionally(asReply(outcome)));
  }

  /**
   * A refusal as Ratis carries it back in a normal reply to a read ({@link StateMachineException}): the client
   * sees it at once instead of retrying a failed call.
   */
  static StateMachineException asReply(PopRejection why) {
    return new StateMachineException(why.getMessage());
  }

  private static CompletableFuture<Message> refuse(PopRejection why) {
    return CompletableFuture.failedFuture(asReply(why));
  }

  /** A refusal of the whole batch in startTransaction (no quorum, invalid): nothing of it reached the log. */
  private static PopRejection definiteRefusal(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof PopRejection p) {
        return p;
      }
      if (t instanceof org.apache.ratis.protocol.exceptions.LeaderNotReadyException) {
        return new PopRejection(ErrorCode.UNAVAILABLE, "write not accepted: the leader is not ready yet; retry");
      }
      String m = t.getMessage();
      if (m != null && m.contains("[POP:UNAVAILABLE]")) {
        return new PopRejection(ErrorCode.UNAVAILABLE, m.substring(m.indexOf("[POP:UNAVAILABLE]") + 18));
      }
    }
    return null;
  }

  private static String describe(Throwable t) {
    return t == null ? "no reply" : t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).lines()
        .findFirst().orElse("");
  }

  /** Batches waiting for a slot (for tests and metrics). */
  synchronized int queued() {
    return queue.size();
  }
}
