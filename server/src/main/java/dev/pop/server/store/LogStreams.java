package dev.pop.server.store;

import dev.pop.proto.ErrorCode;
import dev.pop.proto.LogAppendRequest;
import dev.pop.proto.LogAppendResponse;
import dev.pop.proto.LogEntryRecord;
import dev.pop.proto.LogListRequest;
import dev.pop.proto.LogListResponse;
import dev.pop.proto.LogReadRequest;
import dev.pop.proto.LogReadResponse;
import dev.pop.proto.LogStreamInfo;
import dev.pop.proto.LogTrimRequest;
import dev.pop.proto.LogTrimResponse;
import dev.pop.proto.Response;
import dev.pop.server.apply.Errors;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.io.IOException;

/**
 * Transaction log streams: named, append-only sequences with dense seqs from 1. Appends can demand the seq they
 * get ({@code expected_seq}) and a lock fence ({@code lock_held}), which is how a saga runner makes sure no other
 * runner wrote in between and that it still owns the saga. Writes go into the {@link PendingBatch}; reads work
 * on any {@link StoreView}. An entry counts {@code data + 8} bytes towards the logical size (the quota).
 */
final class LogStreams {
  static final int DEFAULT_LIMIT = 1000;
  static final int MAX_LIMIT = 10_000;
  /** Bytes of entries one read returns at most (besides the first entry, which is always returned). */
  static final int MAX_READ_BYTES = 4 << 20;

  private final PendingBatch pending;

  LogStreams(PendingBatch pending) {
    this.pending = pending;
  }

  Response append(LogAppendRequest append) throws IOException {
    try {
      String name = append.getStream();
      byte[] metaKey = KeySpace.stream(name);
      byte[] raw = pending.get(metaKey);
      StreamRecord.Meta meta = raw == null ? new StreamRecord.Meta(1, 0) : StreamRecord.Meta.decode(raw);
      long seq = meta.lastSeq() + 1;
      if (append.getExpectedSeq() > 0 && append.getExpectedSeq() != seq) {
        return Errors.response(Errors.of(ErrorCode.CONFLICT, "log append: stream " + quoted(name)
            + " expected seq " + append.getExpectedSeq() + " but the next seq is " + seq
            + " (another writer appended first); read the stream and retry"));
      }
      if (append.hasLockHeld()) {
        String lock = append.getLockHeld().getName();
        long fence = append.getLockHeld().getFence();
        if (!LockReader.heldWith(pending, lock, fence)) {
          return Errors.response(Errors.of(ErrorCode.CONFLICT, "log append: stream " + quoted(name) + ": lock "
              + quoted(lock) + " is not held with fence " + fence + " (stale fence: a newer holder exists or the lease ended)"));
        }
      }
      pending.put(KeySpace.entry(name, seq), StreamRecord.entry(pending.leaderTimeMs(), append.getData()));
      pending.put(metaKey, new StreamRecord.Meta(meta.firstSeq(), seq).encode());
      pending.meta().logicalSize += append.getData().size() + StreamRecord.ENTRY_HEADER_BYTES;
      pending.emit(new ApplyEvent.Appended(name));
      return Response.newBuilder().setLogAppend(LogAppendResponse.newBuilder().setSeq(seq)).build();
    } catch (RocksDBException e) {
      throw new IOException("log append failed in RocksDB: " + e.getMessage(), e);
    }
  }

  Response trim(LogTrimRequest trim) throws IOException {
    try {
      String name = trim.getStream();
      byte[] metaKey = KeySpace.stream(name);
      byte[] raw = pending.get(metaKey);
      if (raw == null) {
        return Errors.response(notFound("log trim", name));
      }
      StreamRecord.Meta meta = StreamRecord.Meta.decode(raw);
      long upto = trim.getUptoSeq();
      if (upto > meta.lastSeq()) {
        return Errors.response(Errors.invalidArgument("log trim: upto_seq " + upto + " is beyond the end of stream "
            + quoted(name) + " (last seq " + meta.lastSeq() + ")"));
      }
      if (upto < meta.firstSeq()) {
        return trimmed(meta.firstSeq(), 0); // already trimmed that far: nothing to do
      }
      byte[] end = KeySpace.entry(name, upto + 1);
      long freed = 0;
      long count = 0;
      try (PendingBatch.Scan scan = pending.scan(end)) {
        RocksIterator it = scan.it;
        java.util.List<byte[]> drop = new java.util.ArrayList<>();
        for (it.seek(KeySpace.entry(name, meta.firstSeq())); it.isValid(); it.next()) {
          drop.add(it.key());
          freed += it.value().length;
        }
        it.status();
        for (byte[] k : drop) {
          pending.delete(k);
        }
        count = drop.size();
      }
      pending.put(metaKey, new StreamRecord.Meta(upto + 1, meta.lastSeq()).encode());
      pending.meta().logicalSize -= freed;
      return trimmed(upto + 1, count);
    } catch (RocksDBException e) {
      throw new IOException("log trim failed in RocksDB: " + e.getMessage(), e);
    }
  }

  private static Response trimmed(long firstSeq, long count) {
    return Response.newBuilder().setLogTrim(LogTrimResponse.newBuilder().setFirstSeq(firstSeq).setTrimmed(count))
        .build();
  }

  // ------------------------------------------------------------------ reads

  static Response read(StoreView view, LogReadRequest read) throws RocksDBException {
    String name = read.getStream();
    byte[] raw = view.get(KeySpace.stream(name));
    if (raw == null) {
      return Errors.response(notFound("log read", name));
    }
    StreamRecord.Meta meta = StreamRecord.Meta.decode(raw);
    long from = read.getFromSeq() == 0 ? meta.firstSeq() : read.getFromSeq();
    if (from < meta.firstSeq()) {
      return Errors.response(dev.pop.proto.Error.newBuilder().setCode(ErrorCode.COMPACTED)
          .setMessage("log read: stream " + quoted(name) + " was trimmed through seq " + (meta.firstSeq() - 1)
              + "; read from seq " + meta.firstSeq())
          .setCompactRevision(meta.firstSeq()).build());
    }
    long limit = read.getLimit() == 0 ? DEFAULT_LIMIT : Math.min(read.getLimit(), MAX_LIMIT);
    LogReadResponse.Builder out = LogReadResponse.newBuilder().setFirstSeq(meta.firstSeq()).setLastSeq(meta.lastSeq());
    if (from <= meta.lastSeq()) {
      byte[] end = KeySpace.entry(name, meta.lastSeq() + 1);
      long bytes = 0;
      try (PendingBatch.Scan scan = view.scan(end)) {
        RocksIterator it = scan.it;
        for (it.seek(KeySpace.entry(name, from)); it.isValid() && out.getEntriesCount() < limit; it.next()) {
          byte[] value = it.value();
          bytes += value.length;
          if (out.getEntriesCount() > 0 && bytes > MAX_READ_BYTES) {
            break;
          }
          out.addEntries(LogEntryRecord.newBuilder().setSeq(KeySpace.seqOfEntry(it.key()))
              .setTimeMs(StreamRecord.timeOf(value)).setData(StreamRecord.dataOf(value)));
        }
        it.status();
      }
    }
    return Response.newBuilder().setLogRead(out).build();
  }

  /** True if a read answers with entries or an error at once; false if a tailing read should wait. */
  static boolean hasNews(Response answer) {
    return !answer.hasLogRead() || answer.getLogRead().getEntriesCount() > 0;
  }

  static Response list(StoreView view, LogListRequest list) throws RocksDBException {
    byte[] prefix = KeySpace.stream(list.getPrefix());
    byte[] end = KeySpace.prefixEnd(new byte[] {KeySpace.STREAM});
    if (prefix.length > 1) {
      end = KeySpace.prefixEnd(prefix);
    }
    long limit = list.getLimit() == 0 ? DEFAULT_LIMIT : Math.min(list.getLimit(), MAX_LIMIT);
    LogListResponse.Builder out = LogListResponse.newBuilder();
    try (PendingBatch.Scan scan = view.scan(end)) {
      RocksIterator it = scan.it;
      for (it.seek(prefix); it.isValid(); it.next()) {
        if (out.getStreamsCount() == limit) {
          out.setMore(true);
          break;
        }
        StreamRecord.Meta meta = StreamRecord.Meta.decode(it.value());
        out.addStreams(LogStreamInfo.newBuilder().setStream(KeySpace.nameOfStream(it.key()))
            .setFirstSeq(meta.firstSeq()).setLastSeq(meta.lastSeq()));
      }
      it.status();
    }
    return Response.newBuilder().setLogList(out).build();
  }

  private static dev.pop.proto.Error notFound(String op, String name) {
    return Errors.of(ErrorCode.NOT_FOUND, op + ": stream " + quoted(name) + " not found");
  }

  private static String quoted(String name) {
    return "\"" + (name.length() > 64 ? name.substring(0, 64) + "..." : name) + "\"";
  }
}
