package dev.pop.server.store;

import dev.pop.proto.Command;
import dev.pop.proto.CommandResult;
import dev.pop.proto.LogEntry;
import dev.pop.proto.Response;
import dev.pop.proto.ResponseHeader;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the body of one log entry through the {@link CommandApplier} and shapes its {@link CommandResult}: a
 * client's Command, the leader's internal Command, or a batch of clients' Commands coalesced by the write front
 * (one result per Command in {@code batch}). Also answers an entry replayed after a restart from the sessions.
 */
final class EntryResults {
  private EntryResults() {}

  /** Applies {@code entry}'s body into the pending batch; returns its result against {@code meta} once committed. */
  static Applied apply(CommandApplier commands, LogEntry entry) throws IOException, RocksDBException {
    long now = entry.getLeaderTimeMs();
    switch (entry.getBodyCase()) {
      case COMMAND:
        return new Applied(List.of(commands.apply(entry.getCommand(), now)), false);
      case INTERNAL:
        return new Applied(List.of(commands.applyInternal(entry.getInternal(), now)), false);
      case BATCH: {
        List<List<Response>> each = new ArrayList<>(entry.getBatch().getCommandsCount());
        for (Command c : entry.getBatch().getCommandsList()) {
          each.add(commands.apply(c, now));
        }
        return new Applied(each, true);
      }
      default:
        return new Applied(List.of(List.of()), false);
    }
  }

  /** The responses of an applied entry: one list per Command ({@code batch}) or one list for the entry. */
  record Applied(List<List<Response>> responses, boolean batch) {
    CommandResult result(Meta meta) {
      ResponseHeader header = header(meta);
      CommandResult.Builder out = CommandResult.newBuilder().setHeader(header);
      if (!batch) {
        return out.addAllResponses(responses.get(0)).build();
      }
      for (List<Response> r : responses) {
        out.addBatch(CommandResult.newBuilder().setHeader(header).addAllResponses(r));
      }
      return out.build();
    }
  }

  /** An entry applied before a restart: nothing changes; the responses come from the sessions if still kept. */
  static CommandResult replayed(RocksDB db, ReadOptions read, Meta meta, LogEntry entry) throws RocksDBException {
    switch (entry.getBodyCase()) {
      case COMMAND:
        return new Applied(List.of(stored(db, read, entry.getCommand())), false).result(meta);
      case BATCH: {
        List<List<Response>> each = new ArrayList<>();
        for (Command c : entry.getBatch().getCommandsList()) {
          each.add(stored(db, read, c));
        }
        return new Applied(each, true).result(meta);
      }
      default:
        return new Applied(List.of(List.of()), false).result(meta);
    }
  }

  private static List<Response> stored(RocksDB db, ReadOptions read, Command command) throws RocksDBException {
    if (!CommandApplier.hasSession(command)) {
      return List.of();
    }
    List<Response> stored = SessionTable.storedResponses(db, read, command.getClientId(), command.getRequestId());
    return stored != null ? stored : List.of();
  }

  static ResponseHeader header(Meta meta) {
    return ResponseHeader.newBuilder()
        .setRevision(meta.revision)
        .setAppliedIndex(meta.appliedIndex)
        .setCompactRevision(meta.compactRevision)
        .build();
  }
}
