package dev.pop.server.ratis;

import com.google.protobuf.CodedOutputStream;
import dev.pop.proto.LogEntry;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

import java.io.IOException;

/** Builds log entries on the leader's write path without re-encoding what the client sent. */
final class LogEntryCodec {
  private LogEntryCodec() {
  }

  /**
   * The serialized {@link LogEntry} for a command, built around the client's bytes instead of re-encoding the
   * command (field 1: leader_time_ms, field 2: command). Equal to {@code entry.toByteString()}.
   */
  static ByteString wrap(long leaderTimeMs, ByteString command) {
    return wrap(leaderTimeMs, LogEntry.COMMAND_FIELD_NUMBER, command);
  }

  /** The same for a {@code CommandBatch} of the write front (field 4: batch). */
  static ByteString wrapBatch(long leaderTimeMs, ByteString batch) {
    return wrap(leaderTimeMs, LogEntry.BATCH_FIELD_NUMBER, batch);
  }

  private static ByteString wrap(long leaderTimeMs, int field, ByteString command) {
    final int size = (leaderTimeMs == 0 ? 0 : CodedOutputStream.computeInt64Size(LogEntry.LEADER_TIME_MS_FIELD_NUMBER, leaderTimeMs))
        + CodedOutputStream.computeTagSize(field)
        + CodedOutputStream.computeUInt32SizeNoTag(command.size()) + command.size();
    final byte[] out = new byte[size];
    final CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      if (leaderTimeMs != 0) {
        cos.writeInt64(LogEntry.LEADER_TIME_MS_FIELD_NUMBER, leaderTimeMs);
      }
      cos.writeTag(field, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
      cos.writeUInt32NoTag(command.size());
      cos.writeRawBytes(command.asReadOnlyByteBuffer());
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("encoding a log entry into an exactly sized buffer failed", e);
    }
    return UnsafeByteOperations.unsafeWrap(out);
  }
}
