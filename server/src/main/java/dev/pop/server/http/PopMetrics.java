package dev.pop.server.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * This member's metrics for {@code GET /metrics} (Prometheus text, Micrometer): Raft role, term and indexes, POP
 * entries applied, the store's revision and counters, and HTTP requests by operation and result code. Raft and
 * store values are read when scraped.
 */
final class PopMetrics {
  private static final List<String> ROLES = List.of("LEADER", "FOLLOWER", "CANDIDATE", "LISTENER");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  PopMetrics(LocalMember member) {
    registry.config().commonTags("member", member.id());
    for (String role : ROLES) {
      Gauge.builder("pop_raft_role", member, m -> role.equals(m.raftView().role()) ? 1 : 0)
          .description("1 for this member's current Raft role, 0 for the others")
          .tag("role", role.toLowerCase())
          .register(registry);
    }
    raftGauge(member, "pop_raft_term", "Current Raft term", v -> v.term());
    raftGauge(member, "pop_raft_commit_index", "Highest log index known to be committed", v -> v.commitIndex());
    raftGauge(member, "pop_raft_applied_index", "Highest log index applied to the state machine", v -> v.appliedIndex());
    raftGauge(member, "pop_raft_members", "Voting members in this member's configuration", v -> v.peers().size());
    FunctionCounter.builder("pop_raft_applied_entries", member, m -> m.stateMachine().appliedEntries())
        .description("POP log entries applied since this member started")
        .register(registry);
    storeGauge(member, "pop_store_revision", "Store revision", m -> m.storeStatus().getRevision());
    storeGauge(member, "pop_store_compact_revision", "Oldest readable revision",
        m -> m.storeStatus().getCompactRevision());
    storeGauge(member, "pop_store_keys", "Live keys", m -> m.storeStatus().getKeyCount());
    storeGauge(member, "pop_store_leases", "Leases that exist", m -> m.storeStatus().getLeaseCount());
    storeGauge(member, "pop_store_locks_held", "Locks with a holder", m -> m.storeStatus().getHeldLockCount());
    Gauge.builder("pop_store_size_bytes", member, m -> m.storeStatus().getStoreBytes())
        .description("Logical store size: keys and values of the current state and retained history (the quota's measure)")
        .baseUnit("bytes")
        .register(registry);
    storeGauge(member, "pop_parked_reads", "Watch polls and log tails parked on this member (each poll carries"
        + " all watches of one client)", LocalMember::parkedReads);
  }

  private void raftGauge(LocalMember member, String name, String help,
      ToDoubleFunction<LocalMember.RaftView> value) {
    Gauge.builder(name, member, m -> value.applyAsDouble(m.raftView())).description(help).register(registry);
  }

  private void storeGauge(LocalMember member, String name, String help, ToDoubleFunction<LocalMember> value) {
    Gauge.builder(name, member, value).description(help).register(registry);
  }

  /** Records one HTTP request: {@code pop_http_requests_seconds{op, code}} (count, sum, max). */
  void request(String op, String code, long nanos) {
    Timer.builder("pop_http_requests")
        .description("HTTP API requests by operation and result code")
        .tag("op", op)
        .tag("code", code)
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  String scrape() {
    return registry.scrape();
  }
}
