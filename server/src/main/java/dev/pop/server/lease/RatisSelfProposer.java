package dev.pop.server.lease;

import dev.pop.proto.Command;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Submits the leader's own internal Commands (lease expiry) through its Ratis server, as a client request under a
 * client id that only this process knows (the way Apache Ozone submits its own requests). The state machine
 * recognises them by that id ({@link #isOwn}) and only then accepts internal operations, so no remote client can
 * propose an expiry. The reply completes after the entry is applied here, or with Ratis' refusal (not leader).
 */
public final class RatisSelfProposer implements LeaseExpiryTask.Proposer {
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callId = new AtomicLong();
  private final Supplier<RaftServer> server;
  private final Supplier<RaftGroupId> group;

  public RatisSelfProposer(Supplier<RaftServer> server, Supplier<RaftGroupId> group) {
    this.server = server;
    this.group = group;
  }

  /** True for a request this proposer submitted. */
  public boolean isOwn(RaftClientRequest request) {
    return clientId.equals(request.getClientId());
  }

  @Override
  public CompletableFuture<?> propose(Command internal) {
    return propose(internal.toByteArray());
  }

  /** Submits {@code message} as a write request of this proposer; completes with Ratis' reply. */
  public CompletableFuture<RaftClientReply> propose(byte[] message) {
    try {
      RaftServer s = server.get();
      RaftClientRequest request = RaftClientRequest.newBuilder()
          .setClientId(clientId)
          .setServerId(s.getId())
          .setGroupId(group.get())
          .setCallId(callId.incrementAndGet())
          .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(message)))
          .setType(RaftClientRequest.writeRequestType())
          .build();
      return s.submitClientRequestAsync(request);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
