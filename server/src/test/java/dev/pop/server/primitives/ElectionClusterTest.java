package dev.pop.server.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.ConflictException;
import dev.pop.client.PopClient;
import dev.pop.client.election.Leader;
import dev.pop.client.election.Observation;
import dev.pop.client.lease.LeaseKeeper;
import dev.pop.server.MiniPopCluster;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Elections on locks: one leader at a time, its value published, succession on resign and on lease end. */
@ExtendWith(SharedCluster.class)
class ElectionClusterTest {
  @Test
  void candidatesSucceedEachOtherAndObserversSeeEveryLeader() throws Exception {
    PopClient pop = SharedCluster.client();
    List<Optional<Leader>> seen = new CopyOnWriteArrayList<>();
    try (Observation watch = pop.elections().observe("db", Duration.ofMillis(50), seen::add)) {
      MiniPopCluster.await(() -> !seen.isEmpty(), Duration.ofSeconds(5), "the observer's first report");
      long a = pop.leases().grant(Duration.ofSeconds(30)).id();
      LeaseKeeper keeperB = pop.leases().grantAndKeep(Duration.ofSeconds(1), lost -> { });
      long b = keeperB.leaseId();
      long c = pop.leases().grant(Duration.ofSeconds(30)).id();
      Leader first = pop.elections().campaign("db", a, "10.0.0.1:5432", Duration.ofSeconds(5));
      assertEquals(Optional.of(first), pop.elections().leader("db"));
      CompletableFuture<Leader> second = CompletableFuture.supplyAsync(
          () -> pop.elections().campaign("db", b, "10.0.0.2:5432", Duration.ofSeconds(20)));
      MiniPopCluster.await(() -> pop.locks().lockStatus("election/db").waiters() == 1, Duration.ofSeconds(5),
          "the second candidate queued");
      CompletableFuture<Leader> third = CompletableFuture.supplyAsync(
          () -> pop.elections().campaign("db", c, "10.0.0.3:5432", Duration.ofSeconds(20)));
      MiniPopCluster.await(() -> pop.locks().lockStatus("election/db").waiters() == 2, Duration.ofSeconds(5),
          "the third candidate queued");
      assertFalse(second.isDone());

      MiniPopCluster.await(() -> seen.contains(Optional.of(first)), Duration.ofSeconds(5), "the observer to see it");
      pop.elections().resign(first);
      Leader next = second.get(10, TimeUnit.SECONDS);
      assertTrue(next.fence() > first.fence());
      assertEquals("10.0.0.2:5432", pop.elections().leader("db").orElseThrow().valueUtf8());
      assertThrows(ConflictException.class, () -> pop.elections().resign(first), "a deposed leader cannot resign");

      // the second leader stops keeping its lease alive: its end elects the third, and its value goes with it
      MiniPopCluster.await(() -> seen.contains(Optional.of(next)), Duration.ofSeconds(5), "the observer to see it");
      keeperB.close();
      Leader last = third.get(15, TimeUnit.SECONDS);
      assertTrue(last.fence() > next.fence());
      assertEquals(Optional.of(last), pop.elections().leader("db"));
      MiniPopCluster.await(() -> seen.contains(Optional.of(last)), Duration.ofSeconds(5), "the observer to see it");
      assertEquals(Optional.empty(), seen.get(0), "no leader when observing began");
      assertTrue(seen.contains(Optional.of(first)) && seen.contains(Optional.of(next)), "every leader seen: " + seen);

      pop.elections().resign(last);
      assertEquals(Optional.empty(), pop.elections().leader("db"));
      pop.leases().revoke(a);
      pop.leases().revoke(c);
    }
  }
}
