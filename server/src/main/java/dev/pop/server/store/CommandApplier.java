package dev.pop.server.store;

import dev.pop.proto.Command;
import dev.pop.proto.Error;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.server.apply.Applier;
import dev.pop.server.apply.Errors;
import org.rocksdb.RocksDBException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one committed Command exactly once: expires idle sessions, answers a retry from the client's session,
 * otherwise runs each request through the applier chain (each with its own response; one request's error does
 * not affect the others) and keeps the responses for later retries.
 */
final class CommandApplier {
  private final Applier applier;
  private final SessionTable sessions;

  CommandApplier(Applier applier, SessionTable sessions) {
    this.applier = applier;
    this.sessions = sessions;
  }

  /** A Command without a client id or request id (tests, internal writes) is applied without a session. */
  static boolean hasSession(Command command) {
    return command.getClientId().size() == KeySpace.CLIENT_ID_BYTES && command.getRequestId() > 0;
  }

  List<Response> apply(Command command, long leaderTimeMs) throws IOException, RocksDBException {
    // negative times would break the ordering of the expiry index
    long now = Math.max(0, leaderTimeMs);
    sessions.expire(now);
    if (!hasSession(command)) {
      return run(command);
    }
    Session session = sessions.open(command.getClientId(), now);
    sessions.acknowledge(session, command.getAckBelow());
    long requestId = command.getRequestId();
    List<Response> responses;
    if (requestId < session.ackBelow) {
      responses = refuse(command, Errors.invalidArgument("request already acknowledged: request_id " + requestId
          + " is below this client's ack_below " + session.ackBelow));
    } else {
      responses = sessions.storedResponses(session, requestId);
      if (responses == null && requestId <= session.evictedThrough) {
        responses = refuse(command, Errors.of(ErrorCode.UNKNOWN_OUTCOME, "request " + requestId
            + " may have been applied: its result was dropped after " + SessionTable.MAX_RESULTS_PER_CLIENT
            + " newer unacknowledged requests of this client; read the state to find out"));
      } else if (responses == null) {
        responses = run(command);
        sessions.record(session, requestId, responses);
      }
    }
    sessions.save(session);
    return responses;
  }

  /**
   * Applies the leader's own Command ({@code LogEntry.internal}): no session, and the internal operations
   * (lease_expire) are allowed; compact comes from the leader's auto-compaction.
   */
  List<Response> applyInternal(Command command, long leaderTimeMs) throws IOException, RocksDBException {
    sessions.expire(Math.max(0, leaderTimeMs));
    List<Response> responses = new ArrayList<>(command.getRequestsCount());
    for (Request request : command.getRequestsList()) {
      responses.add(request.getOpCase() == Request.OpCase.LEASE_EXPIRE
          ? applier.leaseExpire(request.getLeaseExpire())
          : dispatch(request));
    }
    return responses;
  }

  private List<Response> run(Command command) throws IOException {
    List<Response> responses = new ArrayList<>(command.getRequestsCount());
    for (Request request : command.getRequestsList()) {
      responses.add(dispatch(request));
    }
    return responses;
  }

  private Response dispatch(Request request) throws IOException {
    switch (request.getOpCase()) {
      case PUT:
        return applier.put(request.getPut());
      case DELETE_RANGE:
        return applier.deleteRange(request.getDeleteRange());
      case TXN:
        return applier.txn(request.getTxn());
      case INCREMENT:
        return applier.increment(request.getIncrement());
      case LEASE_GRANT:
        return applier.leaseGrant(request.getLeaseGrant());
      case LEASE_KEEP_ALIVE:
        return applier.leaseKeepAlive(request.getLeaseKeepAlive());
      case LEASE_REVOKE:
        return applier.leaseRevoke(request.getLeaseRevoke());
      case LOCK:
        return applier.lock(request.getLock());
      case UNLOCK:
        return applier.unlock(request.getUnlock());
      case COMPACT:
        return applier.compact(request.getCompact());
      case LOG_APPEND:
        return applier.logAppend(request.getLogAppend());
      case LOG_TRIM:
        return applier.logTrim(request.getLogTrim());
      case LEASE_EXPIRE:
        // only the leader's internal entries may expire a lease; the validator refuses it from clients
        return Errors.response(Errors.invalidArgument(
            "lease_expire: internal operation; only the leader proposes it"));
      case RANGE:
      case STATUS:
      case LEASE_TIME_TO_LIVE:
      case LOCK_WAIT:
      case LOCK_STATUS:
      case WATCH:
      case LOG_READ:
      case LOG_LIST:
      case OP_NOT_SET:
        // the validator keeps these out of the log; refusing keeps apply deterministic if one slips through
        return Errors.response(Errors.invalidArgument(
            "request: " + request.getOpCase() + " is not a write; send it in a Query"));
      default:
        throw new IllegalStateException("unknown request " + request.getOpCase() + " in the log: upgrade this member");
    }
  }

  private static List<Response> refuse(Command command, Error error) {
    Response refused = Errors.response(error);
    List<Response> responses = new ArrayList<>(command.getRequestsCount());
    for (int i = 0; i < command.getRequestsCount(); i++) {
      responses.add(refused);
    }
    return responses;
  }
}
