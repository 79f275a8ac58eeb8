package dev.pop.server.store;

import dev.pop.proto.ErrorCode;
import dev.pop.proto.LockWaitResponse;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.pop.server.store.Ops.grant;
import static dev.pop.server.store.Ops.lock;
import static dev.pop.server.store.Ops.lockWait;
import static dev.pop.server.store.Ops.revoke;
import static dev.pop.server.store.Ops.unlock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lock_wait read parks until the apply thread grants its waiter; nobody polls. */
class LockWaitTest {
  @TempDir Path dir;
  StoreDriver s;
  long holderFence;
  long waiter;
  long waiterLease;

  @BeforeEach
  void open() throws IOException {
    s = new StoreDriver(dir);
    long holder = s.writeOne(grant(10_000)).getLeaseGrant().getId();
    waiterLease = s.writeOne(grant(10_000)).getLeaseGrant().getId();
    holderFence = s.writeOne(lock("job", holder)).getLock().getFence();
    waiter = s.writeOne(lock("job", waiterLease)).getLock().getWaiterId();
  }

  @AfterEach
  void close() throws IOException {
    s.close();
  }

  private CompletableFuture<QueryResult> await(long waiterId, long waitMs) {
    return s.store.queryAsync(Query.newBuilder().addRequests(lockWait("job", waiterId, waitMs)).build());
  }

  @Test
  void aParkedWaitIsAnsweredWhenTheApplyGrantsTheWaiter() throws Exception {
    CompletableFuture<QueryResult> wait = await(waiter, 30_000);
    assertFalse(wait.isDone());
    assertEquals(1, s.store.parkedLockWaits());
    s.write(unlock("job", holderFence));
    LockWaitResponse granted = wait.get(5, TimeUnit.SECONDS).getResponses(0).getLockWait();
    assertTrue(granted.getGranted());
    assertTrue(granted.getFence() > holderFence);
    assertEquals(0, s.store.parkedLockWaits());
  }

  @Test
  void aWaitOnAGrantedWaiterAnswersAtOnce() throws Exception {
    s.write(unlock("job", holderFence));
    CompletableFuture<QueryResult> wait = await(waiter, 30_000);
    assertTrue(wait.isDone());
    assertTrue(wait.get().getResponses(0).getLockWait().getGranted());
    assertEquals(0, s.store.parkedLockWaits());
  }

  @Test
  void aWaitTimesOutStillQueued() throws Exception {
    long start = System.nanoTime();
    LockWaitResponse r = await(waiter, 200).get(5, TimeUnit.SECONDS).getResponses(0).getLockWait();
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
    assertFalse(r.getGranted());
    assertEquals(1, r.getPosition());
    assertEquals(0, s.store.parkedLockWaits());
  }

  @Test
  void aWaiterWhoseLeaseEndsIsToldItIsGone() throws Exception {
    CompletableFuture<QueryResult> wait = await(waiter, 30_000);
    s.write(revoke(waiterLease));
    var r = wait.get(5, TimeUnit.SECONDS).getResponses(0);
    assertEquals(ErrorCode.NOT_FOUND, r.getError().getCode());
  }

  @Test
  void anUnknownWaiterIsNotFoundAtOnce() throws Exception {
    CompletableFuture<QueryResult> wait = await(waiter + 100, 30_000);
    assertTrue(wait.isDone());
    assertEquals(ErrorCode.NOT_FOUND, wait.get().getResponses(0).getError().getCode());
  }

  @Test
  void otherQueriesAnswerAtOnce() {
    CompletableFuture<QueryResult> r = s.store.queryAsync(Query.newBuilder()
        .addRequests(Request.newBuilder().setStatus(dev.pop.proto.StatusRequest.getDefaultInstance())).build());
    assertTrue(r.isDone());
  }

  @Test
  void closingTheStoreWakesParkedWaits() throws Exception {
    CompletableFuture<QueryResult> wait = await(waiter, 30_000);
    s.store.close();
    // woken, it reads a closed store: the client gets an error and waits again elsewhere
    assertTrue(wait.handle((r, e) -> e != null).get(5, TimeUnit.SECONDS));
  }
}
