package dev.pop.client.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftPeer;

/**
 * What the client knows about the cluster: the members (learnt by asking any reachable endpoint for the group
 * info), the leader last seen, and which member serves serializable reads for "any member".
 *
 * <p>Discovery asks the known members first, then the configured endpoints, in turn, each with a short timeout; the
 * first answer wins. It runs on a blocking thread, once at a time; callers share its future. A not-leader reply that
 * lists peers updates the membership directly; repeated failures trigger a new discovery. Thread-safe.
 */
final class MemberDirectory {
  private static final long MIN_REDISCOVERY_NANOS = 200_000_000L;

  private final List<HostPort> endpoints;
  private final RatisClients clients;
  private final Duration probeTimeout;
  private final Executor blocking;
  private final Consumer<Membership> onMembersChanged;
  private volatile Membership known;
  private volatile String readMember;
  private CompletableFuture<Membership> discovery;
  private long lastDiscoveryStartNanos;

  MemberDirectory(List<HostPort> endpoints, RatisClients clients, Duration probeTimeout, Executor blocking,
      Consumer<Membership> onMembersChanged) {
    this.endpoints = List.copyOf(endpoints);
    this.clients = clients;
    this.probeTimeout = probeTimeout;
    this.blocking = blocking;
    this.onMembersChanged = onMembersChanged;
  }

  /** The membership: at once if known, else when discovery ends (failing with {@link DiscoveryFailedException}). */
  CompletableFuture<Membership> membership() {
    Membership m = known;
    return m != null ? CompletableFuture.completedFuture(m) : discover(false);
  }

  /** The membership if known, else null. */
  Membership known() {
    return known;
  }

  /** Number of members for messages; 0 while unknown. */
  int size() {
    Membership m = known;
    return m != null ? m.size() : 0;
  }

  /** Starts a discovery unless one ran very recently; returns its future. */
  synchronized CompletableFuture<Membership> discover(boolean force) {
    long now = System.nanoTime();
    if (discovery != null && (!discovery.isDone() || (!force && now - lastDiscoveryStartNanos < MIN_REDISCOVERY_NANOS))) {
      return discovery;
    }
    lastDiscoveryStartNanos = now;
    CompletableFuture<Membership> f = new CompletableFuture<>();
    discovery = f;
    try {
      blocking.execute(() -> {
        try {
          runDiscovery(f);
        } catch (Throwable t) {
          f.completeExceptionally(t); // never leave callers waiting on a dead discovery
        }
      });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new ClientClosedException());
    }
    return f;
  }

  /** Blocking discovery, for status: returns the membership or null if nobody answered. */
  Membership discoverNow() {
    try {
      return discover(true).join();
    } catch (RuntimeException e) {
      return known;
    }
  }

  String leaderHint() {
    Membership m = known;
    return m == null ? null : m.leaderId();
  }

  /** A reply came from the leader {@code id}. */
  void leaderIs(String id) {
    Membership m = known;
    if (m != null && m.member(id) != null && !id.equals(m.leaderId())) {
      known = m.withLeader(id);
    }
  }

  /** {@code id} did not serve as leader: aim the next client at the member after it. */
  void leaderFailed(String id) {
    Membership m = known;
    if (m != null && m.size() > 0) {
      Member next = m.after(id);
      known = m.withLeader(next == null ? null : next.id());
    }
  }

  /** The member that serves serializable reads for "any member" (sticky until it fails). */
  String readMember() {
    Membership m = known;
    if (m == null || m.size() == 0) {
      return null;
    }
    String r = readMember;
    if (r == null || m.member(r) == null) {
      // a random first choice spreads the serializable reads of many clients over the members
      r = m.members().get(java.util.concurrent.ThreadLocalRandom.current().nextInt(m.size())).id();
      readMember = r;
    }
    return r;
  }

  void readMemberFailed(String id) {
    Membership m = known;
    if (m != null && id.equals(readMember)) {
      Member next = m.after(id);
      readMember = next == null ? null : next.id();
    }
  }

  /** Peers listed by a not-leader reply: adopt them if they differ. */
  void observePeers(Collection<RaftPeer> peers, String suggestedLeader) {
    if (peers == null || peers.isEmpty()) {
      if (suggestedLeader != null) {
        leaderIs(suggestedLeader);
      }
      return;
    }
    List<Member> members = new ArrayList<>();
    for (RaftPeer p : peers) {
      members.add(new Member(p.getId().toString(), p.getAddress()));
    }
    adopt(new Membership(members, suggestedLeader));
  }

  private void adopt(Membership m) {
    Membership old = known;
    known = m;
    if (old != null && !old.sameMembers(m)) {
      onMembersChanged.accept(m);
    }
  }

  private void runDiscovery(CompletableFuture<Membership> result) {
    Map<String, RaftPeer> candidates = new LinkedHashMap<>();
    Membership m = known;
    if (m != null) {
      for (Member member : m.members()) {
        candidates.put(member.address(), RatisClients.peer(member.id(), member.address()));
      }
    }
    int seed = 0;
    for (HostPort hp : endpoints) {
      candidates.putIfAbsent(hp.address(), RatisClients.peer("seed-" + seed++, hp.address()));
    }
    List<String> probed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    try (RaftClient admin = clients.newAdminClient(new ArrayList<>(candidates.values()), probeTimeout)) {
      for (Map.Entry<String, RaftPeer> c : candidates.entrySet()) {
        probed.add(c.getKey());
        try {
          Membership found = GroupInfoProbe.membership(GroupInfoProbe.ask(admin, c.getValue().getId()));
          if (found.size() > 0) {
            adopt(found);
            result.complete(found);
            return;
          }
          errors.add(c.getKey() + ": no members");
        } catch (IOException e) {
          errors.add(c.getKey() + ": " + FailureClassifier.classify(e).reason());
        }
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      errors.add("client error: " + e);
    }
    result.completeExceptionally(new DiscoveryFailedException(
        "no endpoint answered (" + String.join("; ", errors) + ")", probed));
  }
}
