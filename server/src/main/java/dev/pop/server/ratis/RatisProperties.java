package dev.pop.server.ratis;

import dev.pop.server.ServerConfig;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ratis settings for a POP member. Each one is set explicitly, because Ratis' documented defaults and its code
 * have disagreed (see shared/RATIS-NOTES.md), and the reason is next to it.
 */
public final class RatisProperties {
  private RatisProperties() {
  }

  public static RaftProperties of(ServerConfig config) {
    final RaftProperties p = new RaftProperties();
    final ServerConfig.Tuning t = config.tuning();
    RaftServerConfigKeys.setStorageDir(p, List.of(config.raftDir().toFile()));
    GrpcConfigKeys.Server.setPort(p, config.raftAddress().getPort());
    GrpcConfigKeys.Server.setHost(p, config.raftAddress().getHostString());

    // Reads: ReadIndex (linearizable). Ratis' default DEFAULT answers from the leader's state without checking
    // that it is still leader. Leader-lease reads stay off: they trade safety for clock assumptions.
    RaftServerConfigKeys.Read.setOption(p, config.unsafeLocalReads()
        ? RaftServerConfigKeys.Read.Option.DEFAULT // test-only switch: must be caught by the Jepsen checker
        : RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    // ReadIndex alone is not enough in Ratis 3.3 (it reuses an old heartbeat acknowledgement): the state machine
    // adds a ReadBarrier to every linearizable read; see ReadBarrier.
    RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, false);
    RaftServerConfigKeys.Read.setTimeout(p, TimeDuration.valueOf(10, TimeUnit.SECONDS));

    // Exactly-once for Ratis-level retries of one call: longer than any SDK deadline. (POP's own session table
    // covers retries across calls, restarts and leader changes.)
    RaftServerConfigKeys.RetryCache.setExpiryTime(p, TimeDuration.valueOf(10, TimeUnit.MINUTES));

    RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(t.electionMin().toMillis(), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(t.electionMax().toMillis(), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3, TimeUnit.SECONDS));
    // A leader that hears from no majority for two election timeouts steps down, so clients see "no leader".
    RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p,
        TimeDuration.valueOf(2 * t.electionMax().toMillis(), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.LeaderElection.setPreVote(p, true);

    // Durability: every log write is fsync'd before it counts (these are Ratis' defaults, stated on purpose);
    // async-flush and unsafe-flush can lose acknowledged writes (RATIS-NOTES).
    RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
    RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(t.logSegmentBytes()));
    // Entries up to the request limit (1.5 MiB) plus framing must fit in an append; Ratis requires the log
    // write buffer to exceed the appender's byte limit (it refuses to start otherwise).
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf("4MB"));
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf("8MB"));
    // 200 µs keeps most of the latency win of 0 while still batching appends under load (RATIS-NOTES).
    RaftServerConfigKeys.Log.Appender.setWaitTimeMin(p, TimeDuration.valueOf(200, TimeUnit.MICROSECONDS));
    RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
    GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf("16MB"));
    GrpcConfigKeys.Server.setHeartbeatChannel(p, false);

    // Snapshots: RocksDB checkpoints, taken automatically; the log is purged up to them so a member that
    // falls far behind is brought up to date by snapshot install.
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, t.snapshotThreshold());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(p, t.purgeGap());
    return p;
  }
}
