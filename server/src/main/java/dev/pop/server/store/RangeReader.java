package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.RangeResponse;
import dev.pop.proto.Response;
import dev.pop.server.apply.Errors;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.util.Arrays;

/**
 * Answers range requests from one {@link StoreView} (a query's snapshot, or a txn's pending state) with etcd's semantics: the
 * current state from the {@code k} keys, an older revision from the history, where each key's newest version at
 * or before that revision is found by one seek into its (newest-first) group. Scans carry an upper bound so
 * RocksDB stops at the range end instead of stepping over the deletion tombstones behind it.
 */
final class RangeReader {
  private final StoreView view;
  private final Meta meta;

  /** {@code meta} must describe the same state as {@code view}. */
  RangeReader(StoreView view, Meta meta) {
    this.view = view;
    this.meta = meta;
  }

  Response range(RangeRequest request) throws RocksDBException {
    long revision = request.getRevision();
    if (revision > meta.revision) {
      return Errors.response(Errors.futureRevision(revision, meta.revision));
    }
    if (revision > 0 && revision < meta.compactRevision) {
      return Errors.response(Errors.compacted(revision, meta.compactRevision));
    }
    Collector out = new Collector(request);
    if (revision == 0 || revision == meta.revision) {
      readCurrent(request, out);
    } else {
      readHistory(request, revision, out);
    }
    return Response.newBuilder().setRange(out.build()).build();
  }

  private void readCurrent(RangeRequest request, Collector out) throws RocksDBException {
    if (request.getRangeEnd().isEmpty()) {
      byte[] record = view.get(KeySpace.current(request.getKey()));
      if (record != null) {
        out.add(request.getKey(), record);
      }
      return;
    }
    byte[] end = KeySpace.currentEnd(request.getKey(), request.getRangeEnd());
    try (PendingBatch.Scan scan = view.scan(end)) {
      RocksIterator it = scan.it;
      for (it.seek(KeySpace.current(request.getKey())); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (!KeySpace.before(k, end)) {
          break;
        }
        if (out.wantsValue()) {
          out.add(KeySpace.userKeyOfCurrent(k), it.value());
        } else {
          out.count++;
        }
      }
      it.status();
    }
  }

  private void readHistory(RangeRequest request, long revision, Collector out) throws RocksDBException {
    byte[] end = KeySpace.historyEnd(request.getKey(), request.getRangeEnd());
    try (PendingBatch.Scan scan = view.scan(end)) {
      RocksIterator it = scan.it;
      it.seek(KeySpace.withRevision(KeySpace.historyGroup(request.getKey()), revision));
      while (it.isValid()) {
        byte[] k = it.key();
        if (!KeySpace.before(k, end)) {
          break;
        }
        int groupLength = KeySpace.historyGroupLength(k);
        byte[] group = Arrays.copyOf(k, groupLength);
        if (KeySpace.revisionOfHistory(k) > revision) {
          // newer than asked: jump to this key's newest version at or before the revision (or the next key)
          it.seek(KeySpace.withRevision(group, revision));
          continue;
        }
        byte[] record = it.value();
        if (!VersionRecord.isTombstone(record)) {
          if (out.wantsValue()) {
            out.add(KeySpace.userKeyOfHistory(k, groupLength), record);
          } else {
            out.count++;
          }
        }
        it.seek(KeySpace.afterGroup(group));
      }
      it.status();
    }
  }

  /** Applies limit, keys_only and count_only while counting every key in the range. */
  private static final class Collector {
    private final RangeResponse.Builder response = RangeResponse.newBuilder();
    private final RangeRequest request;
    long count;

    Collector(RangeRequest request) {
      this.request = request;
    }

    /** False once nothing more will be returned: then only the count matters. */
    boolean wantsValue() {
      return !request.getCountOnly() && (request.getLimit() == 0 || count < request.getLimit());
    }

    /** Counts a key and returns it unless limit or count_only says otherwise. */
    void add(ByteString key, byte[] record) {
      if (wantsValue()) {
        response.addKvs(VersionRecord.toKeyValue(key, record, request.getKeysOnly()));
      }
      count++;
    }

    RangeResponse build() {
      boolean more = !request.getCountOnly() && request.getLimit() > 0 && count > request.getLimit();
      return response.setCount(count).setMore(more).build();
    }
  }
}
