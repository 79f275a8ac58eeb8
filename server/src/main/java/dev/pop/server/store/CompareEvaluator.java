package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.Compare;
import org.rocksdb.RocksDBException;

import java.util.List;

/**
 * Evaluates txn compares against a {@link StoreView} (etcd's semantics): a missing key has version,
 * create_revision, mod_revision and lease 0, and a value compare on it is false. {@code exists} and
 * {@code lock_held} know only EQUAL and NOT_EQUAL (the validator refuses the rest; here they are false).
 */
final class CompareEvaluator {
  private static final java.util.Comparator<ByteString> BYTE_ORDER = ByteString.unsignedLexicographicalComparator();

  private CompareEvaluator() {}

  static boolean allHold(StoreView view, List<Compare> compares) throws RocksDBException {
    for (Compare c : compares) {
      if (!holds(view, c)) {
        return false;
      }
    }
    return true;
  }

  static boolean holds(StoreView view, Compare c) throws RocksDBException {
    if (c.getTargetCase() == Compare.TargetCase.LOCK_HELD) {
      return equality(c.getOp(), LockReader.heldWith(view, c.getLockHeld().getName(), c.getLockHeld().getFence()));
    }
    byte[] record = view.get(KeySpace.current(c.getKey()));
    switch (c.getTargetCase()) {
      case EXISTS:
        return equality(c.getOp(), (record != null) == c.getExists());
      case VALUE:
        if (record == null) {
          return false;
        }
        ByteString value = ByteString.copyFrom(record, VersionRecord.HEADER_BYTES, VersionRecord.valueSize(record));
        return order(c.getOp(), BYTE_ORDER.compare(value, c.getValue()));
      case VERSION:
        return order(c.getOp(), Long.compare(record == null ? 0 : VersionRecord.version(record), c.getVersion()));
      case CREATE_REVISION:
        return order(c.getOp(), Long.compare(record == null ? 0 : VersionRecord.createRevision(record),
            c.getCreateRevision()));
      case MOD_REVISION:
        return order(c.getOp(), Long.compare(record == null ? 0 : VersionRecord.modRevision(record),
            c.getModRevision()));
      case LEASE:
        return order(c.getOp(), Long.compare(record == null ? 0 : VersionRecord.lease(record), c.getLease()));
      default:
        return false;
    }
  }

  /** {@code actual <op> expected}, given {@code compare(actual, expected)}. */
  private static boolean order(Compare.Op op, int cmp) {
    switch (op) {
      case EQUAL:
        return cmp == 0;
      case NOT_EQUAL:
        return cmp != 0;
      case LESS:
        return cmp < 0;
      case GREATER:
        return cmp > 0;
      default:
        return false;
    }
  }

  private static boolean equality(Compare.Op op, boolean holds) {
    return op == Compare.Op.EQUAL ? holds : op == Compare.Op.NOT_EQUAL && !holds;
  }
}
