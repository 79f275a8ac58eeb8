package dev.pop.server.store;

import dev.pop.proto.CommandResult;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.LeaseRevokeResponse;
import dev.pop.proto.LeaseTimeToLiveResponse;
import dev.pop.proto.Response;
import dev.pop.server.lease.LeaseTiming;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.pop.server.store.Ops.expire;
import static dev.pop.server.store.Ops.grant;
import static dev.pop.server.store.Ops.keepAlive;
import static dev.pop.server.store.Ops.putLease;
import static dev.pop.server.store.Ops.revoke;
import static dev.pop.server.store.Ops.timeToLive;
import static dev.pop.server.store.StoreDriver.delete;
import static dev.pop.server.store.StoreDriver.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaseTest {
  @TempDir Path dir;
  StoreDriver s;

  @BeforeEach
  void open() throws IOException {
    s = new StoreDriver(dir);
  }

  @AfterEach
  void close() throws IOException {
    s.close();
  }

  private long grantId(long ttlMs) throws IOException {
    return s.writeOne(grant(ttlMs)).getLeaseGrant().getId();
  }

  private LeaseTiming timing(long id) {
    return s.store.leaseClock().timings().stream().filter(t -> t.id() == id).findFirst().orElse(null);
  }

  @Test
  void theServerAssignsIdsDeterministicallyAndSkipsTakenOnes() throws IOException {
    assertEquals(1, grantId(3000));
    assertEquals(5, s.writeOne(grant(3000, 5)).getLeaseGrant().getId());
    assertEquals(2, grantId(3000));
    s.write(grant(3000, 3));
    assertEquals(4, grantId(3000));
    assertEquals(6, grantId(3000), "5 is taken");
    Response dup = s.writeOne(grant(3000, 5));
    assertEquals(ErrorCode.CONFLICT, dup.getError().getCode());
    assertEquals("lease_grant: lease 5 already exists", dup.getError().getMessage());
    assertEquals(6, s.status().getLeaseCount());
    assertEquals(0, s.store.revision(), "lease bookkeeping takes no revision");
  }

  @Test
  void aRevokedIdIsNotHandedOutAgain() throws IOException {
    long a = grantId(3000);
    s.write(revoke(a));
    assertEquals(a + 1, grantId(3000));
  }

  @Test
  void keepAliveMovesTheRefreshIndex() throws IOException {
    long id = grantId(3000);
    assertEquals(1, timing(id).refreshIndex());
    s.write(put("x", "1"));
    Response r = s.writeOne(keepAlive(id));
    assertEquals(3000, r.getLeaseKeepAlive().getTtlMs());
    LeaseTimeToLiveResponse ttl = s.query(timeToLive(id, false)).getLeaseTimeToLive();
    assertEquals(3, ttl.getRefreshIndex());
    assertEquals(3, timing(id).refreshIndex());
    assertEquals(ErrorCode.NOT_FOUND, s.writeOne(keepAlive(99)).getError().getCode());
    assertEquals("lease_keep_alive: lease 99 not found", s.writeOne(keepAlive(99)).getError().getMessage());
  }

  @Test
  void revokeDeletesTheAttachedKeysInOneRevision() throws IOException {
    long a = grantId(3000);
    long b = grantId(3000);
    s.write(putLease("a/1", "v", a), putLease("a/2", "v", a), putLease("b/1", "v", b), put("plain", "v"));
    Response r = s.writeOne(revoke(a));
    LeaseRevokeResponse revoked = r.getLeaseRevoke();
    assertEquals(2, revoked.getDeleted());
    assertEquals(5, revoked.getRevision());
    assertEquals(5, s.store.revision());
    assertNull(s.value("a/1"));
    assertNull(s.value("a/2"));
    assertEquals("v", s.value("b/1"));
    assertEquals("v", s.value("plain"));
    assertEquals(ErrorCode.NOT_FOUND, s.writeOne(revoke(a)).getError().getCode());
    assertEquals(ErrorCode.NOT_FOUND, s.query(timeToLive(a, false)).getError().getCode());
    assertNull(timing(a));
    assertEquals(1, s.status().getLeaseCount());
  }

  @Test
  void aPutDecidesTheKeysLease() throws IOException {
    long a = grantId(3000);
    long b = grantId(3000);
    s.write(putLease("moved", "v", a), putLease("detached", "v", a), putLease("deleted", "v", a));
    s.write(putLease("moved", "v2", b), put("detached", "v2"), delete("deleted"));
    assertEquals(List.of(), s.query(timeToLive(a, true)).getLeaseTimeToLive().getKeysList());
    LeaseRevokeResponse r = s.writeOne(revoke(a)).getLeaseRevoke();
    assertEquals(0, r.getDeleted());
    assertEquals(6, r.getRevision(), "a revoke that deletes nothing takes no revision");
    assertEquals("v2", s.value("moved"));
    assertEquals("v2", s.value("detached"));
    assertEquals(1, s.writeOne(revoke(b)).getLeaseRevoke().getDeleted());
    assertNull(s.value("moved"));
  }

  @Test
  void aPutWithAnUnknownLeaseIsRefused() throws IOException {
    Response r = s.writeOne(putLease("k", "v", 42));
    assertEquals(ErrorCode.NOT_FOUND, r.getError().getCode());
    assertEquals("put: lease 42 not found", r.getError().getMessage());
    assertEquals(0, s.store.revision());
  }

  @Test
  void timeToLiveListsKeysAndEstimatesTheRemainingTime() throws IOException {
    long id = grantId(60_000);
    s.write(putLease("k2", "v", id), putLease("k1", "v", id));
    LeaseTimeToLiveResponse r = s.query(timeToLive(id, true)).getLeaseTimeToLive();
    assertEquals(60_000, r.getTtlMs());
    assertEquals(List.of(Ops.utf8("k1"), Ops.utf8("k2")), r.getKeysList());
    assertTrue(r.getRemainingMs() > 50_000 && r.getRemainingMs() <= 60_000, "remaining " + r.getRemainingMs());
    assertEquals(0, s.query(timeToLive(id, false)).getLeaseTimeToLive().getKeysCount());
  }

  @Test
  void anExpiryAppliesOnlyIfTheLeaseWasNotRefreshedSince() throws IOException {
    long id = grantId(3000);
    s.write(putLease("k", "v", id));
    long planned = timing(id).refreshIndex();
    s.write(keepAlive(id)); // a keepalive that raced the expiry and was committed first
    Response refused = s.internal(expire(id, planned)).getResponses(0);
    assertEquals(ErrorCode.CONFLICT, refused.getError().getCode());
    assertEquals("lease_expire: lease 1 was refreshed at index 3, expiry was planned for index 1; the lease stays",
        refused.getError().getMessage());
    assertEquals("v", s.value("k"));

    CommandResult expired = s.internal(expire(id, timing(id).refreshIndex()));
    assertEquals(1, expired.getResponses(0).getLeaseExpire().getDeleted());
    assertEquals(2, expired.getResponses(0).getLeaseExpire().getRevision());
    assertNull(s.value("k"));
    assertNull(timing(id));
    assertEquals(ErrorCode.NOT_FOUND, s.internal(expire(id, 3)).getResponses(0).getError().getCode());
  }

  @Test
  void anExpiryDoesNotTouchALaterLeaseWithTheSameId() throws IOException {
    s.write(grant(3000, 7));
    long planned = timing(7).refreshIndex();
    s.write(revoke(7));
    s.write(grant(3000, 7));
    assertEquals(ErrorCode.CONFLICT, s.internal(expire(7, planned)).getResponses(0).getError().getCode());
    assertEquals(1, s.status().getLeaseCount());
  }

  @Test
  void aClientCannotExpireALease() throws IOException {
    long id = grantId(3000);
    Response r = s.writeOne(expire(id, timing(id).refreshIndex()));
    assertEquals(ErrorCode.INVALID_ARGUMENT, r.getError().getCode());
    assertEquals(1, s.status().getLeaseCount());
  }

  @Test
  void leasesSurviveReopenAndTheClockIsRebuilt() throws IOException {
    long id = grantId(3000);
    s.write(putLease("k", "v", id));
    s.write(keepAlive(id));
    s.reopen();
    LeaseTiming t = timing(id);
    assertEquals(3, t.refreshIndex());
    assertEquals(3000, t.ttlMs());
    assertEquals(1, s.status().getLeaseCount());
    assertEquals(1, s.writeOne(revoke(id)).getLeaseRevoke().getDeleted());
  }
}
