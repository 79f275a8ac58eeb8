package dev.pop.server.apply;

import com.google.protobuf.ByteString;
import dev.pop.proto.CompactRequest;
import dev.pop.proto.Compare;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.IncrementRequest;
import dev.pop.proto.LeaseGrantRequest;
import dev.pop.proto.LockRequest;
import dev.pop.proto.LockWaitRequest;
import dev.pop.proto.LogAppendRequest;
import dev.pop.proto.LogListRequest;
import dev.pop.proto.LogReadRequest;
import dev.pop.proto.LogTrimRequest;
import dev.pop.proto.PutRequest;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.Request;
import dev.pop.proto.TxnRequest;
import dev.pop.proto.WatchRequest;
import dev.pop.proto.UnlockRequest;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The field checks of each operation for {@link RequestValidator}: each returns the problem as a one-line message
 * naming the operation, the field and the rule ({@code lease_grant: ttl_ms is 0, must be in [1000, 86400000]}),
 * or null if the request is well formed. Stateless.
 */
final class RequestChecks {
  private static final Comparator<ByteString> BYTE_ORDER = ByteString.unsignedLexicographicalComparator();

  private final Limits limits;

  RequestChecks(Limits limits) {
    this.limits = limits;
  }

  String put(PutRequest put) {
    String problem = key("put", put.getKey());
    if (problem != null) {
      return problem;
    }
    if (put.getValue().size() > limits.maxValueBytes()) {
      return "put: value is " + put.getValue().size() + " bytes, limit is " + limits.maxValueBytes()
          + " (maxValueBytes)";
    }
    return put.getLease() < 0 ? "put: lease is " + put.getLease() + ", must be >= 0" : null;
  }

  String delete(DeleteRangeRequest delete) {
    String problem = key("delete_range", delete.getKey());
    return problem != null ? problem : rangeEnd("delete_range", delete.getKey(), delete.getRangeEnd());
  }

  String range(RangeRequest range) {
    // etcd's "--from-key ''": an empty key with range_end "\0" reads every key
    boolean everything = range.getKey().isEmpty() && isFromKey(range.getRangeEnd());
    String problem = everything ? null : key("range", range.getKey());
    if (problem == null) {
      problem = rangeEnd("range", range.getKey(), range.getRangeEnd());
    }
    if (problem != null) {
      return problem;
    }
    if (range.getLimit() < 0) {
      return "range: limit is " + range.getLimit() + ", must be >= 0";
    }
    return range.getRevision() < 0 ? "range: revision is " + range.getRevision() + ", must be >= 0" : null;
  }

  String increment(IncrementRequest increment) {
    String problem = key("increment", increment.getKey());
    if (problem != null) {
      return problem;
    }
    if (increment.hasMin() && increment.hasMax() && increment.getMin() > increment.getMax()) {
      return "increment: min " + increment.getMin() + " is above max " + increment.getMax();
    }
    return null;
  }

  String leaseGrant(LeaseGrantRequest grant) {
    if (grant.getTtlMs() < Limits.MIN_LEASE_TTL_MS || grant.getTtlMs() > Limits.MAX_LEASE_TTL_MS) {
      return "lease_grant: ttl_ms is " + grant.getTtlMs() + ", must be in [" + Limits.MIN_LEASE_TTL_MS + ", "
          + Limits.MAX_LEASE_TTL_MS + "]";
    }
    return grant.getId() < 0 ? "lease_grant: id is " + grant.getId() + ", must be >= 0 (0: the server picks)" : null;
  }

  /** For lease_keep_alive, lease_revoke, lease_time_to_live and lease_expire. */
  static String leaseId(String op, long id) {
    return id <= 0 ? op + ": id is " + id + ", must be > 0" : null;
  }

  String lock(LockRequest lock) {
    String problem = lockName("lock", lock.getName());
    if (problem != null) {
      return problem;
    }
    if (lock.getLease() <= 0) {
      return "lock: lease is " + lock.getLease() + ", must be > 0 (a lock is held under a lease)";
    }
    return lock.hasWaitMs() && lock.getWaitMs() < 0 ? "lock: wait_ms is " + lock.getWaitMs() + ", must be >= 0" : null;
  }

  String unlock(UnlockRequest unlock) {
    String problem = lockName("unlock", unlock.getName());
    if (problem != null) {
      return problem;
    }
    if (unlock.getFence() < 0 || unlock.getWaiterId() < 0) {
      return "unlock: fence is " + unlock.getFence() + " and waiter_id is " + unlock.getWaiterId()
          + "; they must not be negative";
    }
    if ((unlock.getFence() == 0) == (unlock.getWaiterId() == 0)) {
      return "unlock: set exactly one of fence (release the lock) and waiter_id (give up a place)";
    }
    return null;
  }

  String lockWait(LockWaitRequest wait) {
    String problem = lockName("lock_wait", wait.getName());
    if (problem != null) {
      return problem;
    }
    if (wait.getWaiterId() <= 0) {
      return "lock_wait: waiter_id is " + wait.getWaiterId() + ", must be > 0";
    }
    if (wait.getWaitMs() < 0 || wait.getWaitMs() > Limits.MAX_LOCK_WAIT_MS) {
      return "lock_wait: wait_ms is " + wait.getWaitMs() + ", must be in [0, " + Limits.MAX_LOCK_WAIT_MS + "]";
    }
    return null;
  }

  String lockName(String op, String name) {
    if (name.isEmpty()) {
      return op + ": name is empty";
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limits.maxKeyBytes()) {
      return op + ": name is " + bytes + " bytes, limit is " + limits.maxKeyBytes() + " (maxKeyBytes)";
    }
    return null;
  }

  String compact(CompactRequest compact) {
    return compact.getRevision() <= 0 ? "compact: revision is " + compact.getRevision() + ", must be > 0" : null;
  }

  String watch(WatchRequest watch) {
    boolean everything = watch.getKey().isEmpty() && isFromKey(watch.getRangeEnd());
    String problem = everything ? null : key("watch", watch.getKey());
    if (problem == null) {
      problem = rangeEnd("watch", watch.getKey(), watch.getRangeEnd());
    }
    if (problem != null) {
      return problem;
    }
    if (watch.getStartRevision() < 0) {
      return "watch: start_revision is " + watch.getStartRevision() + ", must be >= 0 (0: from the next change)";
    }
    if (watch.getStartAfterKey().size() > limits.maxKeyBytes()) {
      return "watch: start_after_key is " + watch.getStartAfterKey().size() + " bytes, limit is "
          + limits.maxKeyBytes() + " (maxKeyBytes)";
    }
    if (watch.getLimit() < 0) {
      return "watch: limit is " + watch.getLimit() + ", must be >= 0";
    }
    return waitMs("watch", watch.getWaitMs());
  }

  String logAppend(LogAppendRequest append) {
    String problem = streamName("log_append", append.getStream());
    if (problem != null) {
      return problem;
    }
    if (append.getData().size() > limits.maxValueBytes()) {
      return "log_append: data is " + append.getData().size() + " bytes, limit is " + limits.maxValueBytes()
          + " (maxValueBytes)";
    }
    if (append.getExpectedSeq() < 0) {
      return "log_append: expected_seq is " + append.getExpectedSeq() + ", must be >= 0 (0: any)";
    }
    if (append.hasLockHeld()) {
      problem = lockName("log_append: lock_held", append.getLockHeld().getName());
      if (problem == null && append.getLockHeld().getFence() <= 0) {
        problem = "log_append: lock_held.fence is " + append.getLockHeld().getFence() + ", must be > 0";
      }
    }
    return problem;
  }

  String logTrim(LogTrimRequest trim) {
    String problem = streamName("log_trim", trim.getStream());
    if (problem == null && trim.getUptoSeq() <= 0) {
      problem = "log_trim: upto_seq is " + trim.getUptoSeq() + ", must be > 0";
    }
    return problem;
  }

  String logRead(LogReadRequest read) {
    String problem = streamName("log_read", read.getStream());
    if (problem != null) {
      return problem;
    }
    if (read.getFromSeq() < 0) {
      return "log_read: from_seq is " + read.getFromSeq() + ", must be >= 0 (0: the first kept entry)";
    }
    if (read.getLimit() < 0) {
      return "log_read: limit is " + read.getLimit() + ", must be >= 0";
    }
    return waitMs("log_read", read.getWaitMs());
  }

  String logList(LogListRequest list) {
    if (list.getPrefix().getBytes(StandardCharsets.UTF_8).length > limits.maxKeyBytes()) {
      return "log_list: prefix is longer than " + limits.maxKeyBytes() + " bytes (maxKeyBytes)";
    }
    return list.getLimit() < 0 ? "log_list: limit is " + list.getLimit() + ", must be >= 0" : null;
  }

  private String streamName(String op, String name) {
    if (name.isEmpty()) {
      return op + ": stream is empty";
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limits.maxKeyBytes()) {
      return op + ": stream name is " + bytes + " bytes, limit is " + limits.maxKeyBytes() + " (maxKeyBytes)";
    }
    return null;
  }

  private static String waitMs(String op, long waitMs) {
    if (waitMs < 0 || waitMs > Limits.MAX_LOCK_WAIT_MS) {
      return op + ": wait_ms is " + waitMs + ", must be in [0, " + Limits.MAX_LOCK_WAIT_MS + "]";
    }
    return null;
  }

  /** The txn's size and compares; its branch requests are checked by the caller. */
  String txn(TxnRequest txn) {
    int total = txn.getCompareCount() + txn.getSuccessCount() + txn.getFailureCount();
    if (total > limits.maxTxnOps()) {
      return "txn: " + total + " operations (compare " + txn.getCompareCount() + " + success " + txn.getSuccessCount()
          + " + failure " + txn.getFailureCount() + "), limit is " + limits.maxTxnOps() + " (maxTxnOps)";
    }
    List<Compare> compares = txn.getCompareList();
    for (int i = 0; i < compares.size(); i++) {
      String problem = compare(compares.get(i));
      if (problem != null) {
        return "txn: compare[" + i + "]: " + problem;
      }
    }
    return null;
  }

  private String compare(Compare c) {
    if (c.getOp() == Compare.Op.UNRECOGNIZED) {
      return "op " + c.getOpValue() + " is not one of EQUAL, NOT_EQUAL, LESS, GREATER";
    }
    boolean equalityOnly = c.getTargetCase() == Compare.TargetCase.EXISTS
        || c.getTargetCase() == Compare.TargetCase.LOCK_HELD;
    if (equalityOnly && c.getOp() != Compare.Op.EQUAL && c.getOp() != Compare.Op.NOT_EQUAL) {
      return c.getTargetCase().name().toLowerCase(java.util.Locale.ROOT) + " takes EQUAL or NOT_EQUAL, not " + c.getOp();
    }
    switch (c.getTargetCase()) {
      case TARGET_NOT_SET:
        return "target is not set (value, version, create_revision, mod_revision, lease, exists or lock_held)";
      case LOCK_HELD:
        if (!c.getKey().isEmpty()) {
          return "key must be empty for lock_held";
        }
        String problem = lockName("lock_held", c.getLockHeld().getName());
        if (problem != null) {
          return problem;
        }
        return c.getLockHeld().getFence() <= 0
            ? "lock_held: fence is " + c.getLockHeld().getFence() + ", must be > 0" : null;
      case VALUE:
        if (c.getValue().size() > limits.maxValueBytes()) {
          return "value is " + c.getValue().size() + " bytes, limit is " + limits.maxValueBytes() + " (maxValueBytes)";
        }
        return key("compare", c.getKey());
      default:
        return key("compare", c.getKey());
    }
  }

  private String key(String op, ByteString key) {
    if (key.isEmpty()) {
      return op + ": key is empty";
    }
    if (key.size() > limits.maxKeyBytes()) {
      return op + ": key is " + key.size() + " bytes, limit is " + limits.maxKeyBytes() + " (maxKeyBytes)";
    }
    return null;
  }

  private String rangeEnd(String op, ByteString key, ByteString rangeEnd) {
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

  /** Whether {@code op} may stand in a txn branch: in a Command ({@code writes}) or in a Query (range only). */
  static boolean isTxnBranchOp(Request.OpCase op, boolean writes) {
    return op == Request.OpCase.RANGE
        || writes && (op == Request.OpCase.PUT || op == Request.OpCase.DELETE_RANGE || op == Request.OpCase.INCREMENT);
  }
}
