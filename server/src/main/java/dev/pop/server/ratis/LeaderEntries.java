package dev.pop.server.ratis;

import dev.pop.proto.Command;
import dev.pop.proto.CommandBatch;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.LogEntry;
import dev.pop.server.apply.RequestValidator;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the leader's own proposals into log entries in {@code startTransaction}: internal Commands (lease expiry,
 * compaction; an empty one is a {@link ReadBarrier} no-op) and the write front's batches of client Commands
 * (validated one by one when the front queued them). Both are refused while the leader is cut off from its
 * majority ({@link QuorumGuard}).
 */
final class LeaderEntries {
  private final RequestValidator validator;
  private final Supplier<QuorumGuard> quorum;

  LeaderEntries(RequestValidator validator, Supplier<QuorumGuard> quorum) {
    this.validator = validator;
    this.quorum = quorum;
  }

  /** An internal Command of this member's own proposer, as {@code LogEntry.internal} (or a no-op when empty). */
  TransactionContext internal(TransactionContext.Builder trx, ByteString content) throws IOException {
    final Command command = Command.parseFrom(content.asReadOnlyByteBuffer());
    if (command.getRequestsCount() == 0) {
      // a read barrier (ReadBarrier): an entry with no body, only to prove leadership through a commit
      final LogEntry noop = LogEntry.newBuilder().setLeaderTimeMs(System.currentTimeMillis()).build();
      return trx.setLogData(UnsafeByteOperations.unsafeWrap(noop.toByteArray())).setStateMachineContext(noop).build();
    }
    final Optional<dev.pop.proto.Error> invalid = validator.validateInternal(command);
    if (invalid.isPresent()) {
      return reject(trx, PopRejection.of(invalid.get()));
    }
    final Optional<String> noQuorum = quorum.get().check();
    if (noQuorum.isPresent()) {
      return reject(trx, new PopRejection(ErrorCode.UNAVAILABLE, "internal write not accepted: " + noQuorum.get()));
    }
    final LogEntry entry = LogEntry.newBuilder().setLeaderTimeMs(System.currentTimeMillis()).setInternal(command).build();
    return trx.setLogData(UnsafeByteOperations.unsafeWrap(entry.toByteArray())).setStateMachineContext(entry).build();
  }

  /** A {@link CommandBatch} of the {@link WriteFront}, as {@code LogEntry.batch} around the front's bytes. */
  TransactionContext batch(TransactionContext.Builder trx, ByteString content) throws IOException {
    final Optional<String> noQuorum = quorum.get().check();
    if (noQuorum.isPresent()) {
      return reject(trx, new PopRejection(ErrorCode.UNAVAILABLE, "write not accepted: " + noQuorum.get()));
    }
    final long now = System.currentTimeMillis();
    final CommandBatch batch = CommandBatch.parseFrom(content.asReadOnlyByteBuffer());
    final LogEntry entry = LogEntry.newBuilder().setLeaderTimeMs(now).setBatch(batch).build();
    return trx.setLogData(LogEntryCodec.wrapBatch(now, content)).setStateMachineContext(entry).build();
  }

  static TransactionContext reject(TransactionContext.Builder trx, PopRejection why) {
    final TransactionContext t = trx.build();
    t.setException(why);
    return t;
  }
}
