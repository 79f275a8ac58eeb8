package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.Event;
import dev.pop.proto.KeyValue;
import dev.pop.proto.Response;
import dev.pop.proto.WatchRequest;
import dev.pop.proto.WatchResponse;
import dev.pop.server.apply.Errors;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Answers a watch from the store's change index ({@code v <rev> <key>}, one marker per key changed at a
 * revision) and the history: the events after a position {@code (revision, after key)}, in revision order and
 * within a revision in key order. Every member holds the same markers and history for every revision, so the
 * answer to a position is the same everywhere: that is what makes a watch resumable on any member with no gap
 * and no duplicate. Nothing is buffered per watcher: a slow watcher only reads older markers, until compaction
 * drops them (then COMPACTED).
 */
final class WatchReader {
  static final int DEFAULT_LIMIT = 1000;
  static final int MAX_LIMIT = 10_000;
  /** Markers one answer visits at most (matching or not); past it the answer is a progress notification. */
  static final int MAX_SCAN = 20_000;
  /** Bytes of events one answer carries at most (besides its first event). */
  static final int MAX_BYTES = 4 << 20;

  private WatchReader() {}

  static Response watch(StoreView view, Meta meta, WatchRequest request) throws RocksDBException {
    long start = request.getStartRevision() == 0 ? meta.revision + 1 : request.getStartRevision();
    if (start <= meta.compactRevision) {
      return Errors.response(Errors.compacted(start, meta.compactRevision));
    }
    int limit = request.getLimit() == 0 ? DEFAULT_LIMIT : (int) Math.min(request.getLimit(), MAX_LIMIT);
    WatchResponse.Builder out = WatchResponse.newBuilder().setRevision(meta.revision);
    long nextRevision = Math.max(start, meta.revision + 1);
    ByteString nextAfter = ByteString.EMPTY;
    if (start <= meta.revision) {
      byte[] end = KeySpace.changesFrom(meta.revision + 1);
      ByteString after = request.getStartAfterKey();
      byte[] seek = after.isEmpty() ? KeySpace.changesFrom(start) : KeySpace.change(start, after);
      int scanned = 0;
      long bytes = 0;
      try (PendingBatch.Scan scan = view.scan(end)) {
        RocksIterator it = scan.it;
        for (it.seek(seek); it.isValid(); it.next()) {
          byte[] marker = it.key();
          long revision = KeySpace.revisionOfChange(marker);
          ByteString key = KeySpace.userKeyOfChange(marker);
          if (revision == start && !after.isEmpty() && key.equals(after)) {
            continue; // the resume position itself was reported already
          }
          if (out.getEventsCount() == limit || scanned == MAX_SCAN || bytes > MAX_BYTES) {
            break; // resume after the last marker visited
          }
          scanned++;
          nextRevision = revision;
          nextAfter = key;
          if (matches(request, key)) {
            Event event = event(view, key, revision, request.getPrevKv());
            bytes += event.getSerializedSize();
            out.addEvents(event);
          }
        }
        if (!it.isValid()) {
          it.status();
          nextRevision = meta.revision + 1; // every marker up to the answer's revision was visited
          nextAfter = ByteString.EMPTY;
        }
      }
    }
    return Response.newBuilder().setWatch(out.setNextRevision(nextRevision).setNextAfterKey(nextAfter)).build();
  }

  /** True if the answer should go out now; false if a waiting watch should keep waiting. */
  static boolean hasNews(Response answer) {
    return !answer.hasWatch() || answer.getWatch().getEventsCount() > 0;
  }

  /** etcd's range rule: range_end empty is the key alone, "\0" every key from it, else [key, range_end). */
  static boolean matches(WatchRequest request, ByteString key) {
    java.util.Comparator<ByteString> order = ByteString.unsignedLexicographicalComparator();
    ByteString end = request.getRangeEnd();
    if (end.isEmpty()) {
      return key.equals(request.getKey());
    }
    if (order.compare(key, request.getKey()) < 0) {
      return false;
    }
    return KeySpace.isFromKey(end) || order.compare(key, end) < 0;
  }

  private static Event event(StoreView view, ByteString key, long revision, boolean withPrev) throws RocksDBException {
    byte[] group = KeySpace.historyGroup(key);
    byte[] record = view.get(KeySpace.withRevision(group, revision));
    Event.Builder event = Event.newBuilder();
    if (record == null || VersionRecord.isTombstone(record)) {
      event.setType(Event.Type.DELETE).setKv(KeyValue.newBuilder().setKey(key).setModRevision(revision));
    } else {
      event.setType(Event.Type.PUT).setKv(VersionRecord.toKeyValue(key, record, false));
    }
    if (withPrev) {
      try (PendingBatch.Scan scan = view.scan(KeySpace.afterGroup(group))) {
        RocksIterator it = scan.it;
        it.seek(KeySpace.withRevision(group, revision - 1));
        if (it.isValid() && KeySpace.hasPrefix(it.key(), group) && !VersionRecord.isTombstone(it.value())) {
          event.setPrevKv(VersionRecord.toKeyValue(key, it.value(), false));
        }
        it.status();
      }
    }
    return event.build();
  }
}
