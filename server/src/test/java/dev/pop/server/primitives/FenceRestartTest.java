package dev.pop.server.primitives;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.PopClient;
import dev.pop.client.lock.LockGrant;
import dev.pop.server.MiniPopCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fences survive a restart of every member (and the lock being free meanwhile). */
@ExtendWith(SharedCluster.class)
class FenceRestartTest {
  @Test
  void fencesKeepIncreasingAcrossAFullClusterRestart() throws Exception {
    PopClient pop = SharedCluster.client();
    long lease = pop.leases().grant(Duration.ofSeconds(30)).id();
    LockGrant before = pop.locks().lock("restart-job", lease, Duration.ofSeconds(5));
    pop.locks().unlock("restart-job", before.fence());
    LockGrant again = pop.locks().lock("restart-job", lease, Duration.ofSeconds(5));
    assertTrue(again.fence() > before.fence());
    pop.leases().revoke(lease); // releases the lock: it is free across the restart

    MiniPopCluster cluster = SharedCluster.cluster();
    List<String> ids = cluster.ids();
    for (String id : ids) {
      cluster.stop(id);
    }
    for (String id : ids) {
      cluster.start(id);
    }
    cluster.awaitLeader(Duration.ofSeconds(30));

    long after = pop.leases().grant(Duration.ofSeconds(30)).id();
    LockGrant next = pop.locks().lock("restart-job", after, Duration.ofSeconds(10));
    assertTrue(next.fence() > again.fence(), "fence " + next.fence() + " after the restart, " + again.fence()
        + " before");
    pop.locks().unlock("restart-job", next.fence());
    pop.leases().revoke(after);
  }
}
