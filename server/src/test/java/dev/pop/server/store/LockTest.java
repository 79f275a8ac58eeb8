package dev.pop.server.store;

import dev.pop.proto.Compare.Op;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.LockResponse;
import dev.pop.proto.LockStatusResponse;
import dev.pop.proto.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.pop.server.store.Ops.expire;
import static dev.pop.server.store.Ops.giveUp;
import static dev.pop.server.store.Ops.grant;
import static dev.pop.server.store.Ops.lock;
import static dev.pop.server.store.Ops.lockHeld;
import static dev.pop.server.store.Ops.lockStatus;
import static dev.pop.server.store.Ops.lockWait;
import static dev.pop.server.store.Ops.revoke;
import static dev.pop.server.store.Ops.tryLock;
import static dev.pop.server.store.Ops.txn;
import static dev.pop.server.store.Ops.unlock;
import static dev.pop.server.store.StoreDriver.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockTest {
  @TempDir Path dir;
  StoreDriver s;

  @BeforeEach
  void open() throws IOException {
    s = new StoreDriver(dir.resolve("store"));
  }

  @AfterEach
  void close() throws IOException {
    s.close();
  }

  private long lease() throws IOException {
    return s.writeOne(grant(10_000)).getLeaseGrant().getId();
  }

  private LockResponse lockOf(String name, long lease) throws IOException {
    Response r = s.writeOne(lock(name, lease));
    assertFalse(r.hasError(), () -> "unexpected " + r.getError());
    return r.getLock();
  }

  private LockStatusResponse status(String name) {
    return s.query(lockStatus(name)).getLockStatus();
  }

  @Test
  void twentyWaitersAreServedInArrivalOrderWithIncreasingFences() throws IOException {
    LockResponse first = lockOf("job", lease());
    assertTrue(first.getGranted());
    List<Long> leases = new ArrayList<>();
    List<Long> waiters = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      long lease = lease();
      LockResponse queued = lockOf("job", lease);
      assertFalse(queued.getGranted());
      assertEquals(i, queued.getPosition());
      leases.add(lease);
      waiters.add(queued.getWaiterId());
    }
    assertEquals(20, status("job").getWaiters());
    long fence = first.getFence();
    for (int i = 0; i < 20; i++) {
      long next = s.writeOne(unlock("job", fence)).getUnlock().getNextFence();
      assertTrue(next > fence, "fence " + next + " after " + fence);
      LockStatusResponse st = status("job");
      assertEquals(leases.get(i), st.getLease(), "waiter " + i + " holds it now");
      assertEquals(next, st.getFence());
      assertEquals(19 - i, st.getWaiters());
      assertEquals(next, s.query(lockWait("job", waiters.get(i), 0)).getLockWait().getFence());
      if (i < 19) {
        assertEquals(1, s.query(lockWait("job", waiters.get(i + 1), 0)).getLockWait().getPosition());
      }
      fence = next;
    }
    assertEquals(0, s.writeOne(unlock("job", fence)).getUnlock().getNextFence());
    assertFalse(status("job").getHeld());
    assertEquals(0, s.status().getHeldLockCount());
  }

  @Test
  void fencesKeepIncreasingAcrossReopenAndCheckpoint() throws IOException {
    long lease = lease();
    long f1 = lockOf("job", lease).getFence();
    s.write(unlock("job", f1));
    s.reopen();
    long f2 = lockOf("job", lease).getFence();
    assertTrue(f2 > f1, f2 + " > " + f1);
    s.write(unlock("job", f2));
    Path copy = dir.resolve("checkpoint");
    s.store.checkpoint(copy);
    long f3 = lockOf("job", lease).getFence();
    try (StoreDriver restored = new StoreDriver(copy)) {
      // a member rebuilt from the snapshot, then fed the same later entry
      long f4 = restored.writeOne(lock("job", lease)).getLock().getFence();
      assertTrue(f4 > f2, "the snapshot kept the counter: " + f4 + " > " + f2);
      assertEquals(f3, f4, "the same log gives the same fence on every member");
    }
    s.write(unlock("job", f3));
    s.write(revoke(lease));
    long other = lease();
    assertTrue(lockOf("job", other).getFence() > f3, "a free lock still never reuses a fence");
  }

  @Test
  void theHoldersLeaseEndingPassesTheLockOn() throws IOException {
    long holder = lease();
    long waiter = lease();
    long third = lease();
    long fence = lockOf("job", holder).getFence();
    lockOf("job", waiter);
    lockOf("job", third);
    s.write(revoke(holder));
    assertEquals(waiter, status("job").getLease());
    long second = status("job").getFence();
    assertTrue(second > fence);
    // an expiry does the same
    long refresh = s.store.leaseClock().timings().stream().filter(t -> t.id() == waiter).findFirst().orElseThrow()
        .refreshIndex();
    assertTrue(s.internal(expire(waiter, refresh)).getResponses(0).hasLeaseExpire());
    assertEquals(third, status("job").getLease());
    assertTrue(status("job").getFence() > second);
  }

  @Test
  void waitersWhoseLeaseEndedAreSkipped() throws IOException {
    long holder = lease();
    long dead = lease();
    long alive = lease();
    long fence = lockOf("job", holder).getFence();
    long deadWaiter = lockOf("job", dead).getWaiterId();
    lockOf("job", alive);
    s.write(revoke(dead));
    assertEquals(1, status("job").getWaiters(), "the dead waiter left the queue");
    assertEquals(ErrorCode.NOT_FOUND, s.query(lockWait("job", deadWaiter, 0)).getError().getCode());
    s.write(unlock("job", fence));
    assertEquals(alive, status("job").getLease());
    assertEquals(0, status("job").getWaiters());
  }

  @Test
  void aStaleFenceCannotUnlock() throws IOException {
    long a = lease();
    long b = lease();
    long f1 = lockOf("job", a).getFence();
    lockOf("job", b);
    s.write(unlock("job", f1));
    long f2 = status("job").getFence();
    Response stale = s.writeOne(unlock("job", f1));
    assertEquals(ErrorCode.CONFLICT, stale.getError().getCode());
    assertEquals("unlock: lock job is held with fence " + f2 + ", not " + f1, stale.getError().getMessage());
    assertEquals(b, status("job").getLease());
    s.write(unlock("job", f2));
    Response free = s.writeOne(unlock("job", f2));
    assertEquals(ErrorCode.CONFLICT, free.getError().getCode());
    assertEquals("unlock: lock job is not held; fence " + f2 + " is stale", free.getError().getMessage());
    Response unknown = s.writeOne(unlock("nothing", 1));
    assertEquals(ErrorCode.NOT_FOUND, unknown.getError().getCode());
    assertEquals("unlock: lock nothing not found", unknown.getError().getMessage());
  }

  @Test
  void askingAgainReturnsTheSamePlace() throws IOException {
    long a = lease();
    long b = lease();
    LockResponse held = lockOf("job", a);
    LockResponse queued = lockOf("job", b);
    assertEquals(held, lockOf("job", a));
    assertEquals(queued, lockOf("job", b));
    assertEquals(1, status("job").getWaiters());
  }

  @Test
  void tryLockNeverQueues() throws IOException {
    long a = lease();
    long b = lease();
    assertTrue(s.writeOne(tryLock("job", a)).getLock().getGranted());
    LockResponse no = s.writeOne(tryLock("job", b)).getLock();
    assertFalse(no.getGranted());
    assertEquals(0, no.getWaiterId());
    assertEquals(0, status("job").getWaiters());
  }

  @Test
  void givingUpLeavesTheQueueOrReleasesAGrantedLock() throws IOException {
    long a = lease();
    long b = lease();
    long c = lease();
    long fence = lockOf("job", a).getFence();
    long waiterB = lockOf("job", b).getWaiterId();
    long waiterC = lockOf("job", c).getWaiterId();
    assertEquals(0, s.writeOne(giveUp("job", waiterB)).getUnlock().getNextFence());
    assertEquals(1, status("job").getWaiters());
    s.write(unlock("job", fence));
    assertEquals(c, status("job").getLease());
    // c gave up too late: the lock was already granted, so giving up releases it
    assertEquals(0, s.writeOne(giveUp("job", waiterC)).getUnlock().getNextFence());
    assertFalse(status("job").getHeld());
    assertEquals(ErrorCode.NOT_FOUND, s.writeOne(giveUp("job", waiterB)).getError().getCode());
  }

  @Test
  void aLockNeedsALiveLease() throws IOException {
    Response r = s.writeOne(lock("job", 77));
    assertEquals(ErrorCode.NOT_FOUND, r.getError().getCode());
    assertEquals("lock: lease 77 not found", r.getError().getMessage());
    assertFalse(status("job").getHeld());
    assertNull(s.store.rawContents().stream().filter(k -> k.startsWith("4c")).findFirst().orElse(null),
        "a refused lock leaves no record");
  }

  @Test
  void lockHeldMakesWritesFenced() throws IOException {
    long a = lease();
    long b = lease();
    long fence = lockOf("job", a).getFence();
    lockOf("job", b);
    Response ok = s.writeOne(txn(List.of(lockHeld("job", fence, Op.EQUAL)), List.of(put("data", "by a")), List.of()));
    assertTrue(ok.getTxn().getSucceeded());
    assertFalse(s.query(txn(List.of(lockHeld("job", fence + 100, Op.EQUAL)), List.of(), List.of())).getTxn()
        .getSucceeded());
    s.write(revoke(a)); // a's lease ends: b holds the lock now
    Response late = s.writeOne(txn(List.of(lockHeld("job", fence, Op.EQUAL)), List.of(put("data", "late a")),
        List.of()));
    assertFalse(late.getTxn().getSucceeded(), "the old holder's fenced write is refused");
    assertEquals("by a", s.value("data"));
    assertTrue(s.query(txn(List.of(lockHeld("job", fence, Op.NOT_EQUAL)), List.of(), List.of())).getTxn()
        .getSucceeded());
    assertTrue(s.query(txn(List.of(lockHeld("job", status("job").getFence(), Op.EQUAL)), List.of(), List.of()))
        .getTxn().getSucceeded());
  }

  @Test
  void statusReportsHolderAndQueue() throws IOException {
    assertEquals(LockStatusResponse.getDefaultInstance(), status("never"));
    long a = lease();
    long fence = lockOf("job", a).getFence();
    lockOf("job", lease());
    LockStatusResponse st = status("job");
    assertTrue(st.getHeld());
    assertEquals(fence, st.getFence());
    assertEquals(a, st.getLease());
    assertEquals(1, st.getWaiters());
    assertEquals(1, s.status().getHeldLockCount());
  }
}
