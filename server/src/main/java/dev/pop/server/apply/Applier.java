package dev.pop.server.apply;

import dev.pop.proto.CompactRequest;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.IncrementRequest;
import dev.pop.proto.LeaseExpireRequest;
import dev.pop.proto.LeaseGrantRequest;
import dev.pop.proto.LeaseKeepAliveRequest;
import dev.pop.proto.LeaseRevokeRequest;
import dev.pop.proto.LockRequest;
import dev.pop.proto.LogAppendRequest;
import dev.pop.proto.LogTrimRequest;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Response;
import dev.pop.proto.TxnRequest;
import dev.pop.proto.UnlockRequest;

import java.io.IOException;

/**
 * Applies one write request of a committed Command to the pending state of the current log entry and returns
 * its {@link Response}: the result, or an {@code error} that leaves the state untouched. Cross-cutting rules
 * (quota, later auth) are decorators around the store's applier, as in etcd's
 * "CappedApplier -> Quota -> Backend" chain.
 *
 * <p>Deterministic: the response and the state change depend only on the store state and the request (and the
 * entry's leader time where a time is recorded). {@link IOException} means the storage failed, never a bad request.
 */
public interface Applier {

  Response put(PutRequest put) throws IOException;

  Response deleteRange(DeleteRangeRequest delete) throws IOException;

  Response txn(TxnRequest txn) throws IOException;

  Response increment(IncrementRequest increment) throws IOException;

  Response leaseGrant(LeaseGrantRequest grant) throws IOException;

  Response leaseKeepAlive(LeaseKeepAliveRequest keepAlive) throws IOException;

  Response leaseRevoke(LeaseRevokeRequest revoke) throws IOException;

  /** Internal: only from the leader's own entries ({@code LogEntry.internal}). */
  Response leaseExpire(LeaseExpireRequest expire) throws IOException;

  Response lock(LockRequest lock) throws IOException;

  Response unlock(UnlockRequest unlock) throws IOException;

  /** Compacts the history (from a client, or the leader's auto-compaction in {@code LogEntry.internal}). */
  Response compact(CompactRequest compact) throws IOException;

  Response logAppend(LogAppendRequest append) throws IOException;

  Response logTrim(LogTrimRequest trim) throws IOException;
}
