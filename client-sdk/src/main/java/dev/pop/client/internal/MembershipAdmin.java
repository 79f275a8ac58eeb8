package dev.pop.client.internal;

import dev.pop.client.ConflictException;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.NotFoundException;
import dev.pop.client.PopException;
import dev.pop.client.UnavailableException;
import dev.pop.client.UnknownOutcomeException;
import dev.pop.client.cluster.ClusterMember;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.ReconfigurationInProgressException;
import org.apache.ratis.protocol.exceptions.ReconfigurationTimeoutException;
import org.apache.ratis.protocol.exceptions.SetConfigurationException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;

/**
 * Membership changes through Ratis' admin API: add and remove voting members with a compare-and-set
 * {@code setConfiguration} on the leader (Ratis stages a new member until it caught up, then runs joint consensus),
 * and leadership transfer. A member's HTTP address rides in its Raft peer record ({@code dataStreamAddress}, a field
 * POP does not otherwise use: it runs no Ratis data stream), so the configuration itself says where every member's
 * HTTP API is.
 */
final class MembershipAdmin {
  private static final Duration MIN_CHANGE_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final int ATTEMPTS = 3;

  private final MemberDirectory directory;
  private final RatisClients clients;
  private final ClientConfig config;

  MembershipAdmin(MemberDirectory directory, RatisClients clients, ClientConfig config) {
    this.directory = directory;
    this.clients = clients;
    this.config = config;
  }

  List<ClusterMember> members() {
    GroupView v = GroupView.read(directory, clients, config, false, "member list");
    List<ClusterMember> out = new ArrayList<>();
    for (RaftPeer p : v.peers()) {
      out.add(new ClusterMember(p.getId().toString(), p.getAddress(), v.httpAddress(p), p.getId().toString()
          .equals(v.leaderId())));
    }
    return out;
  }

  void add(String id, String raftAddress, String httpAddress) {
    String op = "member add";
    checkId(op, id);
    String raft = HostPort.parse(op + ": raftAddress", raftAddress).address();
    String http = httpAddress == null || httpAddress.isBlank() ? null
        : HostPort.parse(op + ": httpAddress", httpAddress).address();
    RaftPeer added = RaftPeer.newBuilder().setId(id).setAddress(raft).setDataStreamAddress(http).build();
    change(op, v -> {
      for (RaftPeer p : v.peers()) {
        if (p.getId().toString().equals(id)) {
          if (p.getAddress().equals(raft)) {
            return null; // already a member: a retry of a change that went through
          }
          throw new ConflictException(op + ": member " + id + " already exists with Raft address " + p.getAddress()
              + "; remove it first or pick another id");
        }
        if (p.getAddress().equals(raft)) {
          throw new ConflictException(op + ": Raft address " + raft + " is already used by member " + p.getId());
        }
      }
      List<RaftPeer> next = new ArrayList<>(v.peers());
      next.add(added);
      return next;
    }, "is pop-server --join running at " + raft + "?");
  }

  void remove(String id) {
    String op = "member remove";
    checkId(op, id);
    change(op, v -> {
      RaftPeer gone = v.peer(id);
      if (gone == null) {
        throw new NotFoundException(op + ": member " + id + " is not in the cluster; members: " + v.ids());
      }
      if (v.peers().size() == 1) {
        throw new InvalidArgumentException(op + ": " + id + " is the last member; a cluster needs at least one");
      }
      List<RaftPeer> next = new ArrayList<>(v.peers());
      next.remove(gone);
      QuorumCheck.requireLiveMajority(op, id, next, clients, config.probeTimeout());
      return next;
    }, "retry");
  }

  void transferLeader(String id) {
    String op = "leader transfer";
    checkId(op, id);
    GroupView v = GroupView.read(directory, clients, config, true, op);
    if (v.peer(id) == null) {
      throw new NotFoundException(op + ": member " + id + " is not in the cluster; members: " + v.ids());
    }
    if (id.equals(v.leaderId())) {
      return;
    }
    Duration timeout = changeTimeout();
    PopException last = null;
    // Ratis may refuse a transfer while the leader is busy stepping down or the target is still catching up,
    // and may report failure for a transfer whose election the target then wins: look again before retrying
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) {
        sleepQuietly(500);
        v = GroupView.read(directory, clients, config, true, op);
        if (id.equals(v.leaderId())) {
          return;
        }
      }
      try (RaftClient client = leaderClient(v, timeout)) {
        RaftClientReply reply = client.admin().transferLeadership(RaftPeerId.valueOf(id), timeout.toMillis());
        if (reply.isSuccess()) {
          return;
        }
        last = failure(op, reply.getException(), "");
      } catch (IOException | RuntimeException e) {
        last = e instanceof PopException pe ? pe : failure(op, e, "");
      } finally {
        directory.discover(true);
      }
      if (last.code() != dev.pop.client.ErrorCode.UNAVAILABLE) {
        throw last; // a definite refusal (unknown member, bad argument) does not change with time
      }
    }
    throw last;
  }

  /** The new configuration for the current view, or null when there is nothing to change. */
  @FunctionalInterface
  private interface Change {
    List<RaftPeer> next(GroupView current);
  }

  private void change(String op, Change change, String hint) {
    Duration timeout = changeTimeout();
    PopException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      GroupView v = GroupView.read(directory, clients, config, true, op);
      if (v.changing()) {
        last = new UnavailableException(op + ": another membership change is in progress (" + v.ids()
            + "); retry when it is done");
        sleepQuietly(500);
        continue;
      }
      List<RaftPeer> next = change.next(v);
      if (next == null) {
        return;
      }
      SetConfigurationRequest.Arguments args = SetConfigurationRequest.Arguments.newBuilder()
          .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
          .setServersInCurrentConf(v.peers())
          .setServersInNewConf(next)
          .build();
      try (RaftClient client = leaderClient(v, timeout)) {
        RaftClientReply reply = client.admin().setConfiguration(args);
        if (reply.isSuccess()) {
          directory.discover(true);
          return;
        }
        last = failure(op, reply.getException(), hint);
      } catch (IOException | RuntimeException e) {
        last = failure(op, e, hint);
      }
      if (!(last instanceof UnavailableException) || last.getCause() instanceof ReconfigurationTimeoutException) {
        break; // definite, or the new member did not catch up: repeating would only wait again
      }
      sleepQuietly(300);
    }
    directory.discover(true);
    throw last;
  }

  private PopException failure(String op, Throwable error, String hint) {
    Throwable t = FailureClassifier.unwrap(error);
    if (t instanceof SetConfigurationException) {
      return new ConflictException(op + ": the membership changed meanwhile; list the members and retry");
    }
    if (t instanceof ReconfigurationInProgressException) {
      return new UnavailableException(op + ": another membership change is in progress; retry when it is done", t);
    }
    if (t instanceof ReconfigurationTimeoutException) {
      return new UnavailableException(op + ": the new member made no progress catching up; " + hint
          + " (the configuration did not change)", t);
    }
    Failure f = FailureClassifier.classify(t);
    if (f.kind() == Failure.Kind.MAYBE_APPLIED) {
      return new UnknownOutcomeException(op + ": " + f.reason() + " after the request was sent; it may or may not "
          + "have been applied: check with 'popctl member list'");
    }
    if (f.kind() == Failure.Kind.REFUSED) {
      return PopErrors.of(f.code(), op + ": " + f.reason());
    }
    return new UnavailableException(op + ": " + f.reason() + "; a majority of the members must be up", t);
  }

  private RaftClient leaderClient(GroupView v, Duration timeout) {
    RaftProperties p = new RaftProperties();
    RaftClientConfigKeys.Rpc.setRequestTimeout(p,
        TimeDuration.valueOf(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    RaftClientConfigKeys.Async.Experimental.setSendDummyRequest(p, false);
    return RaftClient.newBuilder()
        .setRaftGroup(RaftGroup.valueOf(PopGroup.ID, v.peers()))
        .setLeaderId(RaftPeerId.valueOf(v.leaderId()))
        .setProperties(p)
        .setRetryPolicy(RetryPolicies.noRetry())
        .build();
  }

  private Duration changeTimeout() {
    return config.timeout().compareTo(MIN_CHANGE_TIMEOUT) > 0 ? config.timeout() : MIN_CHANGE_TIMEOUT;
  }

  private static void checkId(String op, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidArgumentException(op + ": id must be 1-64 letters, digits, '_', '.' or '-' starting with a "
          + "letter or digit, got " + (id == null ? "nothing" : "'" + id + "'"));
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
