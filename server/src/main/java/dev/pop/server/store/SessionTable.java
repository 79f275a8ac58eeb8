package dev.pop.server.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.pop.proto.CommandResult;
import dev.pop.proto.Response;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.util.ArrayList;
import java.util.List;

/**
 * Exactly-once client sessions, part of the replicated state: per client the responses of every request it has
 * not acknowledged yet, so a retried Command (after a timeout, a restart or a leader change) gets its original
 * responses instead of being applied twice. Ratis' retry cache is in memory and per leader; this is not.
 *
 * <p>Bounded three ways, all decided by the log alone so every member keeps the same sessions: results below
 * the client's {@code ack_below} are dropped; at most {@link #MAX_RESULTS_PER_CLIENT} results are kept per client
 * (the oldest goes, and a retry of it then gets UNKNOWN_OUTCOME rather than a second apply); a session idle for
 * more than {@link #IDLE_EXPIRY_MS} of leader time is removed, at most {@link #MAX_EXPIRIES_PER_ENTRY} per entry.
 *
 * <p>The expiry index orders sessions by a time that lags their last command by less than
 * {@link #INDEX_GRANULARITY_MS}: moving an index key on every command would leave a RocksDB tombstone per
 * command for the expiry scan to step over. A session found in the index is expired only if its exact
 * last-seen time is past the cutoff; otherwise its index key moves up.
 */
final class SessionTable {
  static final long IDLE_EXPIRY_MS = 15 * 60 * 1000L;
  static final long INDEX_GRANULARITY_MS = 60 * 1000L;
  static final int MAX_RESULTS_PER_CLIENT = 1024;
  static final int MAX_EXPIRIES_PER_ENTRY = 8;

  private static final byte[] EXPIRY_START = {KeySpace.EXPIRY};
  private static final byte[] EXPIRY_END = {KeySpace.EXPIRY + 1};

  private final PendingBatch pending;
  /**
   * A lower bound of the times in the expiry index ({@code Long.MAX_VALUE}: empty). Derived from stored state and
   * only used to skip scans that would find nothing, so it never changes an outcome.
   */
  private long earliestIndexedMs;

  private SessionTable(PendingBatch pending, long earliestIndexedMs) {
    this.pending = pending;
    this.earliestIndexedMs = earliestIndexedMs;
  }

  static SessionTable load(PendingBatch pending) throws RocksDBException {
    try (PendingBatch.Scan scan = pending.scan(EXPIRY_END)) {
      RocksIterator it = scan.it;
      it.seek(EXPIRY_START);
      long earliest = it.isValid() && it.key()[0] == KeySpace.EXPIRY ? KeySpace.lastSeenOfExpiry(it.key()) : Long.MAX_VALUE;
      it.status();
      return new SessionTable(pending, earliest);
    }
  }

  /** Visits up to {@link #MAX_EXPIRIES_PER_ENTRY} sessions indexed before {@code nowMs - IDLE_EXPIRY_MS}. */
  void expire(long nowMs) throws RocksDBException {
    long cutoff = nowMs - IDLE_EXPIRY_MS;
    if (cutoff <= earliestIndexedMs) {
      return;
    }
    List<byte[]> candidates = new ArrayList<>();
    long earliest = Long.MAX_VALUE;
    try (PendingBatch.Scan scan = pending.scan(EXPIRY_END)) {
      RocksIterator it = scan.it;
      for (it.seek(KeySpace.expiryBefore(earliestIndexedMs)); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (KeySpace.lastSeenOfExpiry(k) >= cutoff || candidates.size() == MAX_EXPIRIES_PER_ENTRY) {
          earliest = KeySpace.lastSeenOfExpiry(k);
          break;
        }
        candidates.add(k);
      }
      it.status();
    }
    for (byte[] k : candidates) {
      ByteString client = KeySpace.clientOfExpiry(k);
      byte[] stored = pending.get(KeySpace.session(client));
      pending.delete(k);
      if (stored == null) {
        continue; // an index key without its session cannot be written, but must not stop a member either
      }
      Session s = Session.decode(client, stored);
      if (s.lastSeenMs < cutoff) {
        pending.delete(KeySpace.session(client));
        List<byte[]> results = new ArrayList<>();
        collectResults(s, Long.MAX_VALUE, results);
        for (byte[] r : results) {
          pending.delete(r);
        }
      } else {
        s.indexedMs = s.lastSeenMs;
        pending.put(KeySpace.expiry(s.indexedMs, client), KeySpace.EMPTY);
        pending.put(KeySpace.session(client), s.encode());
        earliest = Math.min(earliest, s.indexedMs);
      }
    }
    earliestIndexedMs = earliest;
  }

  /** The client's session (a new one if it has none) with {@code lastSeenMs} advanced to {@code nowMs}. */
  Session open(ByteString clientId, long nowMs) throws RocksDBException {
    byte[] stored = pending.get(KeySpace.session(clientId));
    Session s = stored == null ? new Session(clientId) : Session.decode(clientId, stored);
    s.lastSeenMs = Math.max(s.lastSeenMs, nowMs);
    return s;
  }

  /** Raises the client's watermark and forgets the results below it. */
  void acknowledge(Session s, long ackBelow) throws RocksDBException {
    if (ackBelow <= s.ackBelow) {
      return;
    }
    s.ackBelow = ackBelow;
    if (s.minStored >= ackBelow) {
      return;
    }
    List<byte[]> drop = new ArrayList<>();
    long next = collectResults(s, ackBelow, drop);
    for (byte[] k : drop) {
      pending.delete(k);
    }
    s.storedCount -= drop.size();
    s.minStored = next;
  }

  /** The stored responses of {@code requestId}, or null if none are kept. */
  List<Response> storedResponses(Session s, long requestId) throws RocksDBException {
    if (s.storedCount == 0 || requestId < s.minStored || requestId > s.maxStored) {
      return null;
    }
    byte[] bytes = pending.get(KeySpace.result(s.clientId, requestId));
    return bytes == null ? null : parse(bytes).getResponsesList();
  }

  /** Keeps the responses of {@code requestId}, evicting the client's oldest result past the cap. */
  void record(Session s, long requestId, List<Response> responses) throws RocksDBException {
    if (s.storedCount >= MAX_RESULTS_PER_CLIENT) {
      evictOldest(s);
    }
    pending.put(KeySpace.result(s.clientId, requestId),
        CommandResult.newBuilder().addAllResponses(responses).build().toByteArray());
    s.storedCount++;
    s.minStored = Math.min(s.minStored, requestId);
    s.maxStored = Math.max(s.maxStored, requestId);
  }

  void save(Session s) throws RocksDBException {
    if (s.indexedMs == Session.NOT_INDEXED || s.lastSeenMs - s.indexedMs >= INDEX_GRANULARITY_MS) {
      if (s.indexedMs != Session.NOT_INDEXED) {
        pending.delete(KeySpace.expiry(s.indexedMs, s.clientId));
      }
      s.indexedMs = s.lastSeenMs;
      pending.put(KeySpace.expiry(s.indexedMs, s.clientId), KeySpace.EMPTY);
      earliestIndexedMs = Math.min(earliestIndexedMs, s.indexedMs);
    }
    pending.put(KeySpace.session(s.clientId), s.encode());
  }

  /** Reads a stored result outside an apply (replayed entries). */
  static List<Response> storedResponses(RocksDB db, ReadOptions read, ByteString clientId, long requestId)
      throws RocksDBException {
    byte[] bytes = db.get(read, KeySpace.result(clientId, requestId));
    return bytes == null ? null : parse(bytes).getResponsesList();
  }

  private void evictOldest(Session s) throws RocksDBException {
    byte[] prefix = KeySpace.results(s.clientId);
    byte[] oldest = null;
    long next = Session.NONE_STORED;
    try (PendingBatch.Scan scan = pending.scan(KeySpace.prefixEnd(prefix))) {
      RocksIterator it = scan.it;
      it.seek(KeySpace.result(s.clientId, s.minStored));
      if (it.isValid() && KeySpace.hasPrefix(it.key(), prefix)) {
        oldest = it.key();
        it.next();
        if (it.isValid() && KeySpace.hasPrefix(it.key(), prefix)) {
          next = KeySpace.requestIdOfResult(it.key());
        }
      }
      it.status();
    }
    if (oldest == null) {
      throw new IllegalStateException("a session counting " + s.storedCount + " results has none stored");
    }
    pending.delete(oldest);
    s.evictedThrough = Math.max(s.evictedThrough, KeySpace.requestIdOfResult(oldest));
    s.storedCount--;
    s.minStored = next;
  }

  /**
   * Adds the keys of the session's results below {@code belowRequestId} to {@code drop} and returns the smallest
   * request id at or above it that has a result ({@link Session#NONE_STORED} if none). Starts at the session's
   * lower bound of stored results, so the tombstones of results dropped before are never visited.
   */
  private long collectResults(Session s, long belowRequestId, List<byte[]> drop) throws RocksDBException {
    if (s.storedCount == 0) {
      return Session.NONE_STORED;
    }
    byte[] prefix = KeySpace.results(s.clientId);
    try (PendingBatch.Scan scan = pending.scan(KeySpace.prefixEnd(prefix))) {
      RocksIterator it = scan.it;
      for (it.seek(KeySpace.result(s.clientId, s.minStored)); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (!KeySpace.hasPrefix(k, prefix)) {
          break;
        }
        long requestId = KeySpace.requestIdOfResult(k);
        if (requestId >= belowRequestId) {
          return requestId;
        }
        drop.add(k);
      }
      it.status();
    }
    return Session.NONE_STORED;
  }

  private static CommandResult parse(byte[] bytes) {
    try {
      return CommandResult.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt stored session result: " + e.getMessage(), e);
    }
  }
}
