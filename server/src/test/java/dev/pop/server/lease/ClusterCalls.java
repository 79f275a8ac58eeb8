package dev.pop.server.lease;

import com.google.protobuf.ByteString;
import dev.pop.proto.Command;
import dev.pop.proto.CommandResult;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.server.MiniPopCluster;
import dev.pop.server.ratis.PopGroup;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POP's wire protocol over bare Ratis clients, for cluster tests of the server side (the SDK is not involved):
 * one session, and separate Ratis clients for writes and reads (see RATIS-NOTES on mixing request kinds).
 */
final class ClusterCalls implements AutoCloseable {
  private final RaftClient writes;
  private final RaftClient reads;
  private final ByteString clientId;
  private final AtomicLong requestId = new AtomicLong();

  ClusterCalls(MiniPopCluster cluster) {
    RaftGroup group = RaftGroup.valueOf(PopGroup.ID, cluster.ids().stream()
        .map(id -> RaftPeer.newBuilder().setId(id).setAddress(cluster.address(id)).build()).toList());
    writes = client(group);
    reads = client(group);
    UUID u = UUID.randomUUID();
    byte[] id = new byte[16];
    for (int i = 0; i < 8; i++) {
      id[i] = (byte) (u.getMostSignificantBits() >>> (56 - 8 * i));
      id[8 + i] = (byte) (u.getLeastSignificantBits() >>> (56 - 8 * i));
    }
    clientId = ByteString.copyFrom(id);
  }

  private static RaftClient client(RaftGroup group) {
    return RaftClient.newBuilder().setRaftGroup(group).setProperties(new RaftProperties())
        .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(100, TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
        .build();
  }

  /** One write in its own Command; throws what Ratis reports (a refusal before the log, for example). */
  Response write(Request request) throws IOException {
    Command command = Command.newBuilder().setClientId(clientId).setRequestId(requestId.incrementAndGet())
        .addRequests(request).build();
    RaftClientReply reply = writes.io().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(command.toByteArray())));
    if (!reply.isSuccess()) {
      throw reply.getException();
    }
    return CommandResult.parseFrom(reply.getMessage().getContent().toByteArray()).getResponses(0);
  }

  /** Sends any Command as is. */
  CommandResult send(Command command) throws IOException {
    RaftClientReply reply = writes.io().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(command.toByteArray())));
    if (!reply.isSuccess()) {
      throw reply.getException();
    }
    return CommandResult.parseFrom(reply.getMessage().getContent().toByteArray());
  }

  /** A linearizable read of one request. */
  Response read(Request request) throws IOException {
    return read(reads, request);
  }

  /** A linearizable read on a Ratis client of the caller's (a parked lock wait must not block the shared one). */
  static Response read(RaftClient client, Request request) throws IOException {
    Query query = Query.newBuilder().addAllRequests(List.of(request)).build();
    RaftClientReply reply = client.io().sendReadOnly(Message.valueOf(UnsafeByteOperations.unsafeWrap(query.toByteArray())));
    if (!reply.isSuccess()) {
      throw reply.getException();
    }
    return QueryResult.parseFrom(reply.getMessage().getContent().toByteArray()).getResponses(0);
  }

  static RaftClient newReadClient(MiniPopCluster cluster) {
    return client(RaftGroup.valueOf(PopGroup.ID, cluster.ids().stream()
        .map(id -> RaftPeer.newBuilder().setId(id).setAddress(cluster.address(id)).build()).toList()));
  }

  ByteString clientId() {
    return clientId;
  }

  @Override
  public void close() throws IOException {
    writes.close();
    reads.close();
  }
}
