package dev.pop.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.retry.ExceptionDependentRetry;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.util.TimeDuration;

/**
 * Builds the Ratis clients the SDK uses.
 *
 * <p>Data clients (one per request kind, see {@link RequestKind}) follow a not-leader hint at most 3 times and
 * retry nothing else, so the lane sees every other failure and can classify it. Since Ratis' ordered async stream
 * fails every pending request — and refuses every later one — once a request gives up, a data client is replaced
 * after any such failure ({@link RaftClientSlot}). The connection-establishing dummy request of ordered async is
 * disabled: its failure would poison the stream before the first real request.
 */
public final class RatisClients {
  private static final int NOT_LEADER_HINTS_FOLLOWED = 3;

  private final ClientConfig config;

  public RatisClients(ClientConfig config) {
    this.config = config;
  }

  /** A client for one request kind, aimed first at {@code leaderHint} (null: Ratis' choice). */
  public RaftClient newDataClient(Membership membership, String leaderHint) {
    return newDataClient(membership, leaderHint, config.attemptTimeout());
  }

  /** A data client whose attempts time out after {@code attemptTimeout} (longer for parked lock waits). */
  public RaftClient newDataClient(Membership membership, String leaderHint, Duration attemptTimeout) {
    RaftProperties p = new RaftProperties();
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, millis(attemptTimeout));
    RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, Math.max(100, 4 * config.maxInFlightBatches() + 16));
    RaftClientConfigKeys.Async.Experimental.setSendDummyRequest(p, false);
    RetryPolicy policy = ExceptionDependentRetry.newBuilder()
        .setDefaultPolicy(RetryPolicies.noRetry())
        .setExceptionToPolicy(NotLeaderException.class,
            RetryPolicies.retryUpToMaximumCountWithFixedSleep(NOT_LEADER_HINTS_FOLLOWED, TimeDuration.ZERO))
        .setMaxAttempts(NOT_LEADER_HINTS_FOLLOWED + 1)
        .build();
    RaftClient.Builder b = RaftClient.newBuilder()
        .setRaftGroup(RaftGroup.valueOf(PopGroup.ID, peers(membership.members())))
        .setProperties(p)
        .setRetryPolicy(policy);
    if (leaderHint != null && membership.member(leaderHint) != null) {
      b.setLeaderId(RaftPeerId.valueOf(leaderHint));
    }
    return b.build();
  }

  /** A client for blocking admin calls (group info, stale status reads): no retry, short timeout. */
  public RaftClient newAdminClient(List<RaftPeer> peers, Duration timeout) {
    RaftProperties p = new RaftProperties();
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, millis(timeout));
    RaftClientConfigKeys.Async.Experimental.setSendDummyRequest(p, false);
    return RaftClient.newBuilder()
        .setRaftGroup(RaftGroup.valueOf(PopGroup.ID, peers))
        .setProperties(p)
        .setRetryPolicy(RetryPolicies.noRetry())
        .build();
  }

  public static List<RaftPeer> peers(List<Member> members) {
    List<RaftPeer> out = new ArrayList<>(members.size());
    for (Member m : members) {
      out.add(peer(m.id(), m.address()));
    }
    return out;
  }

  public static RaftPeer peer(String id, String address) {
    return RaftPeer.newBuilder().setId(id).setAddress(address).build();
  }

  private static TimeDuration millis(Duration d) {
    return TimeDuration.valueOf(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
