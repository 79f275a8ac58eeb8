package dev.pop.server.apply;

import com.google.protobuf.ByteString;
import dev.pop.proto.Command;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.Error;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Query;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.Request;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Rejects malformed or over-limit Commands and Queries before they reach the log (called from
 * {@code startTransaction} and before a query), so a bad request never changes state. Returns the first problem
 * as an INVALID_ARGUMENT {@link Error} whose one-line message names the field and the limit, for example
 * {@code put: key is 5000 bytes, limit is 4096 (maxKeyBytes)}; in a batch of several requests the message starts
 * with the request's position, {@code requests[2].put: key is empty}.
 *
 * <p>Stateless and thread-safe.
 */
public final class RequestValidator {
  /** Length of a Command's client_id. */
  public static final int CLIENT_ID_BYTES = 16;

  private static final Comparator<ByteString> BYTE_ORDER = ByteString.unsignedLexicographicalComparator();

  private final Limits limits;

  public RequestValidator(Limits limits) {
    this.limits = limits;
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
    return validateRequests("query", query.getRequestsList(), false);
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
        return writes ? checkPut(request.getPut()) : readOnly("put");
      case DELETE_RANGE:
        return writes ? checkDelete(request.getDeleteRange()) : readOnly("delete_range");
      case RANGE:
        return writes ? writeOnly("range") : checkRange(request.getRange());
      case STATUS:
        return writes ? writeOnly("status") : null;
      case OP_NOT_SET:
        return "request: no operation set";
      default:
        return "request: unknown operation " + request.getOpCase();
    }
  }

  private String checkPut(PutRequest put) {
    String problem = checkKey("put", put.getKey());
    if (problem != null) {
      return problem;
    }
    if (put.getValue().size() > limits.maxValueBytes()) {
      return "put: value is " + put.getValue().size() + " bytes, limit is " + limits.maxValueBytes()
          + " (maxValueBytes)";
    }
    if (put.getLease() < 0) {
      return "put: lease is " + put.getLease() + ", must be >= 0";
    }
    return null;
  }

  private String checkDelete(DeleteRangeRequest delete) {
    String problem = checkKey("delete_range", delete.getKey());
    return problem != null ? problem : checkRangeEnd("delete_range", delete.getKey(), delete.getRangeEnd());
  }

  private String checkRange(RangeRequest range) {
    // etcd's "--from-key ''": an empty key with range_end "\0" reads every key
    boolean everything = range.getKey().isEmpty() && isFromKey(range.getRangeEnd());
    String problem = everything ? null : checkKey("range", range.getKey());
    if (problem == null) {
      problem = checkRangeEnd("range", range.getKey(), range.getRangeEnd());
    }
    if (problem != null) {
      return problem;
    }
    if (range.getLimit() < 0) {
      return "range: limit is " + range.getLimit() + ", must be >= 0";
    }
    if (range.getRevision() < 0) {
      return "range: revision is " + range.getRevision() + ", must be >= 0";
    }
    return null;
  }

  private String checkKey(String op, ByteString key) {
    if (key.isEmpty()) {
      return op + ": key is empty";
    }
    if (key.size() > limits.maxKeyBytes()) {
      return op + ": key is " + key.size() + " bytes, limit is " + limits.maxKeyBytes() + " (maxKeyBytes)";
    }
    return null;
  }

  private String checkRangeEnd(String op, ByteString key, ByteString rangeEnd) {
    if (rangeEnd.isEmpty() || isFromKey(rangeEnd)) {
      return null;
    }
    if (rangeEnd.size() > limits.maxKeyBytes()) {
      return op + ": range_end is " + rangeEnd.size() + " bytes, limit is " + limits.maxKeyBytes()
          + " (maxKeyBytes)";
    }
    if (BYTE_ORDER.compare(rangeEnd, key) <= 0) {
      return op + ": range_end must be greater than key (or \"\\0\" for every key >= key)";
    }
    return null;
  }

  private static boolean isFromKey(ByteString rangeEnd) {
    return rangeEnd.size() == 1 && rangeEnd.byteAt(0) == 0;
  }

  private static String readOnly(String op) {
    return op + ": not allowed in a Query (reads only: range, status); send it in a Command";
  }

  private static String writeOnly(String op) {
    return op + ": not allowed in a Command (writes only: put, delete_range); send it in a Query";
  }

  private static Optional<Error> fail(String message) {
    return Optional.of(Errors.invalidArgument(message));
  }
}
