package dev.pop.client.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.pop.proto.Command;
import dev.pop.proto.CommandResult;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import java.nio.ByteBuffer;
import java.util.List;

/** The wire envelope of a lane's batches: {@code Command}/{@code CommandResult} or {@code Query}/{@code QueryResult}. */
public enum BatchCodec {
  /** Writes: one Command, the unit of exactly-once retry. */
  COMMAND {
    @Override
    public byte[] encode(List<PendingCall<?>> calls, WriteSession.Ticket ticket) {
      Command.Builder b = Command.newBuilder()
          .setClientId(ByteString.copyFrom(ticket.clientId()))
          .setRequestId(ticket.requestId())
          .setAckBelow(ticket.ackBelow());
      for (PendingCall<?> c : calls) {
        b.addRequests(c.request());
      }
      return b.build().toByteArray();
    }

    @Override
    public BatchReply decode(ByteBuffer content) throws InvalidProtocolBufferException {
      CommandResult r = CommandResult.parseFrom(content);
      return new BatchReply(r.getHeader(), r.getResponsesList());
    }
  },
  /** Reads: one Query, answered from one consistent view of the store. */
  QUERY {
    @Override
    public byte[] encode(List<PendingCall<?>> calls, WriteSession.Ticket ticket) {
      Query.Builder b = Query.newBuilder();
      for (PendingCall<?> c : calls) {
        b.addRequests(c.request());
      }
      return b.build().toByteArray();
    }

    @Override
    public BatchReply decode(ByteBuffer content) throws InvalidProtocolBufferException {
      QueryResult r = QueryResult.parseFrom(content);
      return new BatchReply(r.getHeader(), r.getResponsesList());
    }
  };

  /** Serializes a batch once; retries resend the same bytes. {@code ticket} is null for reads. */
  public abstract byte[] encode(List<PendingCall<?>> calls, WriteSession.Ticket ticket);

  public abstract BatchReply decode(ByteBuffer content) throws InvalidProtocolBufferException;
}
