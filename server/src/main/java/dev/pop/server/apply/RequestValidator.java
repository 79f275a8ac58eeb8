package dev.pop.server.apply;

import dev.pop.proto.Command;
import dev.pop.proto.Error;
import dev.pop.proto.Query;
import dev.pop.proto.Request;
import dev.pop.proto.TxnRequest;

import java.util.List;
import java.util.Optional;

/**
 * Rejects malformed or over-limit Commands and Queries before they reach the log (called from
 * {@code startTransaction} and before a query), so a bad request never changes state. Returns the first problem
 * as an INVALID_ARGUMENT {@link Error} whose one-line message names the field and the limit, for example
 * {@code put: key is 5000 bytes, limit is 4096 (maxKeyBytes)}; in a batch of several requests the message starts
 * with the request's position, {@code requests[2].put: key is empty}, and inside a txn with the branch's,
 * {@code txn: success[1].put: key is empty}.
 *
 * <p>Where each operation may go: writes (put, delete_range, txn, increment, lease_grant, lease_keep_alive,
 * lease_revoke, lock, unlock) in a client's Command; reads (range, status, txn with range-only branches,
 * lease_time_to_live, lock_status, lock_wait alone) in a Query; lease_expire only in the leader's internal
 * Command ({@link #validateInternal}), never from a client.
 *
 * <p>Stateless and thread-safe.
 */
public final class RequestValidator {
  /** Length of a Command's client_id. */
  public static final int CLIENT_ID_BYTES = 16;

  private static final String WRITES = "put, delete_range, txn, increment, lease_grant, lease_keep_alive, "
      + "lease_revoke, lock, unlock, compact, log_append, log_trim";
  private static final String READS = "range, status, txn, lease_time_to_live, lock_status, lock_wait, watch, "
      + "log_read, log_list";

  private final Limits limits;
  private final RequestChecks checks;

  public RequestValidator(Limits limits) {
    this.limits = limits;
    this.checks = new RequestChecks(limits);
  }

  public Optional<Error> validate(Command command) {
    int size = command.getSerializedSize();
    if (size > limits.maxRequestBytes()) {
      return fail("command: size is " + size + " bytes, limit is " + limits.maxRequestBytes() + " (maxRequestBytes)");
    }
    if (command.getClientId().size() != CLIENT_ID_BYTES) {
      return fail("command: client_id is " + command.getClientId().size() + " bytes, must be " + CLIENT_ID_BYTES);
    }
    if (command.getRequestId() <= 0) {
      return fail("command: request_id is " + command.getRequestId() + ", must be > 0");
    }
    if (command.getAckBelow() < 0 || command.getAckBelow() > command.getRequestId()) {
      return fail("command: ack_below is " + command.getAckBelow() + ", must be in [0, request_id="
          + command.getRequestId() + "]");
    }
    return validateRequests("command", command.getRequestsList(), true);
  }

  public Optional<Error> validate(Query query) {
    int size = query.getSerializedSize();
    if (size > limits.maxRequestBytes()) {
      return fail("query: size is " + size + " bytes, limit is " + limits.maxRequestBytes() + " (maxRequestBytes)");
    }
    if (query.getRequestsCount() > 1 && query.getRequestsList().stream().anyMatch(Request::hasLockWait)) {
      return fail("query: lock_wait must be the only request of its Query");
    }
    if (query.getRequestsList().stream().anyMatch(Request::hasWatch)
        && !query.getRequestsList().stream().allMatch(Request::hasWatch)) {
      return fail("query: a Query with a watch may hold only watches");
    }
    if (query.getRequestsCount() > 1 && query.getRequestsList().stream()
        .anyMatch(r -> r.hasLogRead() && r.getLogRead().getWaitMs() > 0)) {
      return fail("query: a log_read with wait_ms must be the only request of its Query");
    }
    return validateRequests("query", query.getRequestsList(), false);
  }

  /**
   * The leader's own Command (lease expiry), which goes into the log as {@code LogEntry.internal}: lease_expire
   * requests only, and no session.
   */
  public Optional<Error> validateInternal(Command command) {
    if (!command.getClientId().isEmpty() || command.getRequestId() != 0) {
      return fail("internal command: must carry no client_id or request_id");
    }
    if (command.getRequestsCount() == 0) {
      return fail("internal command: requests is empty, at least one is needed");
    }
    for (int i = 0; i < command.getRequestsCount(); i++) {
      Request r = command.getRequests(i);
      if (r.hasCompact()) {
        String problem = checks.compact(r.getCompact());
        if (problem != null) {
          return fail("requests[" + i + "]." + problem);
        }
        continue;
      }
      String problem = !r.hasLeaseExpire()
          ? Errors.opName(r) + ": not allowed in an internal command (lease_expire, compact only)"
          : RequestChecks.leaseId("lease_expire", r.getLeaseExpire().getId());
      if (problem == null && r.getLeaseExpire().getRefreshIndex() <= 0) {
        problem = "lease_expire: refresh_index is " + r.getLeaseExpire().getRefreshIndex() + ", must be > 0";
      }
      if (problem != null) {
        return fail("requests[" + i + "]." + problem);
      }
    }
    return Optional.empty();
  }

  private Optional<Error> validateRequests(String envelope, List<Request> requests, boolean writes) {
    if (requests.isEmpty()) {
      return fail(envelope + ": requests is empty, at least one is needed");
    }
    for (int i = 0; i < requests.size(); i++) {
      String problem = check(requests.get(i), writes);
      if (problem != null) {
        return fail(requests.size() == 1 ? problem : "requests[" + i + "]." + problem);
      }
    }
    return Optional.empty();
  }

  /** The problem with one request, or null. */
  private String check(Request request, boolean writes) {
    switch (request.getOpCase()) {
      case PUT:
        return writes ? checks.put(request.getPut()) : readOnly("put");
      case DELETE_RANGE:
        return writes ? checks.delete(request.getDeleteRange()) : readOnly("delete_range");
      case INCREMENT:
        return writes ? checks.increment(request.getIncrement()) : readOnly("increment");
      case LEASE_GRANT:
        return writes ? checks.leaseGrant(request.getLeaseGrant()) : readOnly("lease_grant");
      case LEASE_KEEP_ALIVE:
        return writes ? RequestChecks.leaseId("lease_keep_alive", request.getLeaseKeepAlive().getId())
            : readOnly("lease_keep_alive");
      case LEASE_REVOKE:
        return writes ? RequestChecks.leaseId("lease_revoke", request.getLeaseRevoke().getId()) : readOnly("lease_revoke");
      case LOCK:
        return writes ? checks.lock(request.getLock()) : readOnly("lock");
      case UNLOCK:
        return writes ? checks.unlock(request.getUnlock()) : readOnly("unlock");
      case LEASE_EXPIRE:
        return "lease_expire: internal operation; only the leader proposes it";
      case TXN:
        return txn(request.getTxn(), writes);
      case RANGE:
        return writes ? writeOnly("range") : checks.range(request.getRange());
      case STATUS:
        return writes ? writeOnly("status") : null;
      case LEASE_TIME_TO_LIVE:
        return writes ? writeOnly("lease_time_to_live")
            : RequestChecks.leaseId("lease_time_to_live", request.getLeaseTimeToLive().getId());
      case LOCK_STATUS:
        return writes ? writeOnly("lock_status") : checks.lockName("lock_status", request.getLockStatus().getName());
      case LOCK_WAIT:
        return writes ? writeOnly("lock_wait") : checks.lockWait(request.getLockWait());
      case COMPACT:
        return writes ? checks.compact(request.getCompact()) : readOnly("compact");
      case LOG_APPEND:
        return writes ? checks.logAppend(request.getLogAppend()) : readOnly("log_append");
      case LOG_TRIM:
        return writes ? checks.logTrim(request.getLogTrim()) : readOnly("log_trim");
      case WATCH:
        return writes ? writeOnly("watch") : checks.watch(request.getWatch());
      case LOG_READ:
        return writes ? writeOnly("log_read") : checks.logRead(request.getLogRead());
      case LOG_LIST:
        return writes ? writeOnly("log_list") : checks.logList(request.getLogList());
      case OP_NOT_SET:
        return "request: no operation set";
      default:
        return "request: unknown operation " + request.getOpCase();
    }
  }

  private String txn(TxnRequest txn, boolean writes) {
    String problem = checks.txn(txn);
    if (problem == null) {
      problem = branch("success", txn.getSuccessList(), writes);
    }
    return problem == null ? branch("failure", txn.getFailureList(), writes) : problem;
  }

  private String branch(String name, List<Request> requests, boolean writes) {
    for (int i = 0; i < requests.size(); i++) {
      Request r = requests.get(i);
      String problem;
      if (r.hasTxn()) {
        problem = "txn: nested txn is not allowed";
      } else if (r.getOpCase() == Request.OpCase.OP_NOT_SET) {
        problem = "request: no operation set";
      } else if (!RequestChecks.isTxnBranchOp(r.getOpCase(), writes)) {
        problem = Errors.opName(r) + ": not allowed in a " + (writes
            ? "txn (put, delete_range, range, increment only)" : "read-only txn in a Query (range only)");
      } else {
        // a range is checked as the read it is, the rest as writes
        problem = check(r, !r.hasRange());
      }
      if (problem != null) {
        return "txn: " + name + "[" + i + "]." + problem;
      }
    }
    return null;
  }

  private static String readOnly(String op) {
    return op + ": not allowed in a Query (reads only: " + READS + "); send it in a Command";
  }

  private static String writeOnly(String op) {
    return op + ": not allowed in a Command (writes only: " + WRITES + "); send it in a Query";
  }

  private static Optional<Error> fail(String message) {
    return Optional.of(Errors.invalidArgument(message));
  }
}
