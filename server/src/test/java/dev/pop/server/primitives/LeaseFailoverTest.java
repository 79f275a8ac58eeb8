package dev.pop.server.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.PopClient;
import dev.pop.client.PopException;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.lease.LeaseKeeper;
import dev.pop.client.lease.LeaseLost;
import dev.pop.server.MiniPopCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@link LeaseKeeper} keeps an ephemeral key alive across a leader kill; once the keeper is closed (without
 * revoking), the key goes within TTL + 1 s.
 */
@ExtendWith(SharedCluster.class)
class LeaseFailoverTest {
  private static final Duration TTL = Duration.ofSeconds(2);
  private static final long MS = 1_000_000L;

  @Test
  void aKeptLeaseSurvivesALeaderKillAndAnAbandonedOneEndsWithinTtlPlusOneSecond() throws Exception {
    MiniPopCluster cluster = SharedCluster.cluster();
    PopClient pop = SharedCluster.client();
    List<LeaseLost> lost = new CopyOnWriteArrayList<>();
    LeaseKeeper keeper = pop.leases().grantAndKeep(TTL, lost::add);
    byte[] key = "lease/ephemeral".getBytes(StandardCharsets.UTF_8);
    pop.kv().put(key, "me".getBytes(StandardCharsets.UTF_8), PutOptions.builder().lease(keeper.leaseId()).build());

    String leader = cluster.awaitLeader(Duration.ofSeconds(10));
    cluster.stop(leader);
    long watchUntil = System.nanoTime() + TTL.toNanos() * 2 + 1000 * MS; // past any TTL counted before the kill
    int reads = 0;
    while (System.nanoTime() < watchUntil) {
      try {
        assertTrue(pop.kv().get("lease/ephemeral").first().isPresent(), "the kept key vanished after " + reads
            + " reads");
        reads++;
      } catch (PopException electionInProgress) {
        // unavailable while the survivors elect a leader: read again
      }
      Thread.sleep(50);
    }
    assertTrue(reads > 10, "the key was read while the keeper ran: " + reads + " reads");
    assertTrue(lost.isEmpty(), "the keeper never lost the lease: " + lost);
    assertTrue(keeper.isAlive());
    cluster.start(leader);

    keeper.close(); // stop keeping it, no revoke: the lease ends at its TTL on the leader
    long closed = System.nanoTime();
    assertTrue(pop.kv().get("lease/ephemeral").first().isPresent(), "not before the TTL");
    long gone = 0;
    while (System.nanoTime() - closed < TTL.toNanos() + 3000 * MS) {
      if (pop.kv().get("lease/ephemeral").first().isEmpty()) {
        gone = System.nanoTime();
        break;
      }
      Thread.sleep(20);
    }
    assertTrue(gone != 0, "the key outlived its abandoned lease");
    long afterClose = (gone - closed) / MS;
    assertTrue(afterClose <= TTL.toMillis() + 1000, "gone " + afterClose + " ms after the keeper closed");
    assertTrue(lost.isEmpty(), "closing is not losing");
    MiniPopCluster.await(() -> cluster.ids().stream().allMatch(cluster::isRunning), Duration.ofSeconds(5), "members");
    assertEquals(3, cluster.ids().size());
  }
}
