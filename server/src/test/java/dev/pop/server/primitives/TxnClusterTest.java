package dev.pop.server.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.ConflictException;
import dev.pop.client.FenceGuard;
import dev.pop.client.NotFoundException;
import dev.pop.client.PopClient;
import dev.pop.client.counter.Bounds;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.lease.Lease;
import dev.pop.client.lock.LockGrant;
import dev.pop.client.txn.Cmp;
import dev.pop.client.txn.Op;
import dev.pop.client.txn.OpResult;
import dev.pop.client.txn.TxnResult;
import dev.pop.server.MiniPopCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Transactions on the shared cluster: atomicity, compare-and-swap under contention, lockHeld fencing. */
@ExtendWith(SharedCluster.class)
class TxnClusterTest {
  private final PopClient pop = SharedCluster.client();

  private KeyValue get(String key) {
    return pop.kv().get(key).first().orElse(null);
  }

  @Test
  void aTxnAppliesAllOfItsBranchInOneRevisionOrNothing() {
    TxnResult r = pop.txn().when(Cmp.absent("atom/a"))
        .then(Op.put("atom/a", "1"), Op.put("atom/b", "2"), Op.increment("atom/n", 5), Op.get("atom/a"))
        .commit();
    assertTrue(r.succeeded());
    assertEquals(new OpResult.Put(r.revision()), r.results().get(0));
    assertEquals(new OpResult.Put(r.revision()), r.results().get(1), "all writes share the txn's revision");
    assertEquals(new OpResult.Increment(5, r.revision()), r.results().get(2));
    assertEquals("1", ((OpResult.Get) r.results().get(3)).first().orElseThrow().valueUtf8(),
        "a get sees the earlier ops of its branch");
    assertEquals(r.revision(), get("atom/b").modRevision());

    ConflictException refused = assertThrows(ConflictException.class, () -> pop.txn()
        .then(Op.put("atom/c", "x"), Op.increment("atom/n", -10, Bounds.atLeast(0)))
        .commit());
    assertTrue(refused.getMessage().contains("success[1].increment"), refused.getMessage());
    assertEquals(null, get("atom/c"), "the put before the refused increment was rolled back");
    assertEquals("5", get("atom/n").valueUtf8());

    TxnResult other = pop.txn().when(Cmp.value("atom/a").eq("nope"))
        .then(Op.put("atom/d", "x"))
        .otherwise(Op.get("atom/a"), Op.delete("atom/", true))
        .commit();
    assertFalse(other.succeeded(), "a false compare is a result, not an error");
    assertEquals(null, get("atom/d"));
    assertEquals(3, ((OpResult.Delete) other.results().get(1)).deleted());
  }

  @Test
  void compareAndSwapLosesNoUpdateUnderContention() throws Exception {
    pop.kv().put("txn/cas", "0");
    int threads = 8;
    int each = 25;
    List<CompletableFuture<Integer>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(CompletableFuture.supplyAsync(() -> {
        int retries = 0;
        for (int i = 0; i < each; i++) {
          while (true) {
            KeyValue kv = get("txn/cas");
            long next = Long.parseLong(kv.valueUtf8()) + 1;
            if (pop.txn().when(Cmp.modRevision("txn/cas").eq(kv.modRevision()))
                .then(Op.put("txn/cas", Long.toString(next))).commit().succeeded()) {
              break;
            }
            retries++;
          }
        }
        return retries;
      }));
    }
    int retries = 0;
    for (CompletableFuture<Integer> w : workers) {
      retries += w.get(60, TimeUnit.SECONDS);
    }
    assertEquals(Integer.toString(threads * each), get("txn/cas").valueUtf8(), "after " + retries + " retries");
  }

  @Test
  void aFencedPutByAHolderWhoseLeaseExpiredIsRefused() throws Exception {
    Lease old = pop.leases().grant(Duration.ofSeconds(1));
    LockGrant first = pop.locks().lock("txn-fenced", old.id(), Duration.ofSeconds(5));
    assertTrue(pop.txn().when(Cmp.lockHeld("txn-fenced", first.fence()))
        .then(Op.put("txn/fenced", "by-first")).commit().succeeded(), "the live holder's fenced put");

    // the first holder stops keeping its lease alive (a GC pause, a partition...): the lease expires
    MiniPopCluster.await(() -> {
      try {
        pop.leases().timeToLive(old.id(), false);
        return false;
      } catch (NotFoundException gone) {
        return true;
      }
    }, Duration.ofSeconds(15), "the first holder's lease to expire");
    Lease next = pop.leases().grant(Duration.ofSeconds(30));
    LockGrant second = pop.locks().lock("txn-fenced", next.id(), Duration.ofSeconds(5));
    assertTrue(second.fence() > first.fence());

    // "I thought I still held it": the stale holder's fenced write is refused and changes nothing
    TxnResult stale = pop.txn().when(Cmp.lockHeld("txn-fenced", first.fence()))
        .then(Op.put("txn/fenced", "by-stale-first")).commit();
    assertFalse(stale.succeeded());
    assertEquals("by-first", get("txn/fenced").valueUtf8());
    assertThrows(ConflictException.class, () -> pop.locks().unlock("txn-fenced", first.fence()));

    // the same for an external resource guarded by fences
    FenceGuard guard = FenceGuard.inMemory();
    guard.check("blob-7", second.fence());
    assertThrows(ConflictException.class, () -> guard.check("blob-7", first.fence()));

    pop.locks().unlock("txn-fenced", second.fence());
    pop.leases().revoke(next.id());
    pop.kv().delete("txn/fenced");
  }
}
