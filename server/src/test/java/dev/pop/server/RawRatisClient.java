package dev.pop.server;

import com.google.protobuf.ByteString;
import dev.pop.proto.Command;
import dev.pop.proto.CommandResult;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.server.ratis.PopGroup;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Speaks POP's protocol over a bare Ratis client, for tests that must control exactly what is sent. */
final class RawRatisClient implements AutoCloseable {
  private final RaftClient client;

  RawRatisClient(MiniPopCluster cluster) {
    final RaftGroup group = RaftGroup.valueOf(PopGroup.ID, cluster.ids().stream()
        .map(id -> RaftPeer.newBuilder().setId(id).setAddress(cluster.address(id)).build()).toList());
    client = RaftClient.newBuilder().setRaftGroup(group).setProperties(new RaftProperties())
        .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(100, TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
        .build();
  }

  CommandResult write(Command command) throws IOException {
    final RaftClientReply reply = client.io().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(command.toByteArray())));
    if (!reply.isSuccess()) {
      throw reply.getException();
    }
    return CommandResult.parseFrom(reply.getMessage().getContent().toByteArray());
  }

  QueryResult readFrom(String member, Query query) throws IOException {
    final RaftClientReply reply = client.io().sendReadOnly(
        Message.valueOf(UnsafeByteOperations.unsafeWrap(query.toByteArray())), RaftPeerId.valueOf(member));
    if (!reply.isSuccess()) {
      throw reply.getException();
    }
    return QueryResult.parseFrom(reply.getMessage().getContent().toByteArray());
  }

  /** Sends {@code command} to {@code member}'s write front (a stale read carrying Query.write). */
  CommandResult frontWrite(String member, Command command) throws IOException {
    final Query q = Query.newBuilder().setWrite(command).build();
    final RaftClientReply reply = client.io().sendStaleRead(
        Message.valueOf(UnsafeByteOperations.unsafeWrap(q.toByteArray())), 0, RaftPeerId.valueOf(member));
    if (!reply.isSuccess()) {
      throw reply.getException();
    }
    return CommandResult.parseFrom(reply.getMessage().getContent().toByteArray());
  }

  static ByteString utf8(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
