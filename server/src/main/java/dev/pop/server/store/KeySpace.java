package dev.pop.server.store;

import com.google.protobuf.ByteString;

import java.util.Arrays;

/**
 * Every RocksDB key the store writes, in one place. All state lives in the default column family, told apart
 * by a one-byte prefix, so that one WriteBatch (and one memtable flush) covers everything: see {@link RocksStore}
 * for why that matters for crash consistency.
 *
 * <pre>
 *   m                                   → {@link Meta}: applied index/term, revision, compaction, counts
 *   k &lt;key&gt;                             → {@link VersionRecord}: the current version of a live key
 *   h &lt;escaped key&gt; &lt;MAX - rev : 8&gt;     → {@link VersionRecord}: every retained version (or tombstone), newest first
 *   v &lt;rev : 8&gt; &lt;key&gt;                   → empty: which keys changed at a revision (compaction, later watch)
 *   s &lt;client id : 16&gt;                  → {@link Session}
 *   r &lt;client id : 16&gt; &lt;request id : 8&gt; → the stored CommandResult of one request
 *   e &lt;last seen ms : 8&gt; &lt;client id : 16&gt; → empty: sessions ordered by idleness, for expiry
 *   l &lt;lease : 8&gt;                       → {@link LeaseRecord}
 *   a &lt;lease : 8&gt; &lt;key&gt;                 → empty: the keys attached to a lease
 *   L &lt;name&gt;                            → {@link LockRecord}: id counter, holder, number of waiters
 *   q &lt;name&gt; &lt;id : 8&gt;                   → lease of a waiter; ids increase, so this is the FIFO queue
 *   o &lt;lease : 8&gt; &lt;name&gt;                → id of the lease's place (held or waiting) in that lock
 *   S &lt;stream&gt;                          → {@link StreamRecord}: a log stream's first and last seq
 *   E &lt;stream&gt; &lt;seq : 8&gt;                → {@link StreamRecord} entry: append time and data
 * </pre>
 *
 * <p>A stream's meta key is its plain UTF-8 name (so a name prefix lists streams); in entry keys, as a lock
 * {@code <name>}, it is its UTF-8 bytes behind a two-byte length, so no name is a prefix of another's keys.
 *
 * <p>Numbers are big-endian and non-negative so byte order is numeric order. History keys escape the user key
 * (0x00 → 0x00 0xFF, then the terminator 0x00 0x01) so that a key's versions sort together and keys keep
 * their byte order even when one key is a prefix of another.
 */
final class KeySpace {
  static final byte META = 'm';
  static final byte CURRENT = 'k';
  static final byte HISTORY = 'h';
  static final byte CHANGES = 'v';
  static final byte SESSION = 's';
  static final byte RESULT = 'r';
  static final byte EXPIRY = 'e';
  static final byte LEASE = 'l';
  static final byte ATTACHED = 'a';
  static final byte LOCK = 'L';
  static final byte QUEUE = 'q';
  static final byte OWNED = 'o';
  static final byte STREAM = 'S';
  static final byte ENTRY = 'E';

  static final int CLIENT_ID_BYTES = 16;
  static final byte[] META_KEY = {META};
  static final byte[] EMPTY = new byte[0];

  private static final byte ESCAPE = 0x00;
  private static final byte ESCAPED_ZERO = (byte) 0xFF;
  private static final byte TERMINATOR = 0x01;
  /** Sorts after every version of a key and before any longer key: used to skip a key's history. */
  private static final byte AFTER_TERMINATOR = 0x02;

  private KeySpace() {}

  // ------------------------------------------------------------------ current state

  static byte[] current(ByteString key) {
    byte[] out = new byte[1 + key.size()];
    out[0] = CURRENT;
    key.copyTo(out, 1);
    return out;
  }

  /** Exclusive upper bound of the current-state scan for an etcd-style range_end (empty: single key). */
  static byte[] currentEnd(ByteString key, ByteString rangeEnd) {
    if (rangeEnd.isEmpty()) {
      return afterExact(current(key));
    }
    if (isFromKey(rangeEnd)) {
      return new byte[] {CURRENT + 1};
    }
    return current(rangeEnd);
  }

  static ByteString userKeyOfCurrent(byte[] rocksKey) {
    return ByteString.copyFrom(rocksKey, 1, rocksKey.length - 1);
  }

  static boolean isFromKey(ByteString rangeEnd) {
    return rangeEnd.size() == 1 && rangeEnd.byteAt(0) == 0;
  }

  // ------------------------------------------------------------------ history

  /** Start of a key's history group: followed by the (inverted) revisions of its versions. */
  static byte[] historyGroup(ByteString key) {
    int zeros = 0;
    for (int i = 0; i < key.size(); i++) {
      if (key.byteAt(i) == ESCAPE) {
        zeros++;
      }
    }
    byte[] out = new byte[1 + key.size() + zeros + 2];
    out[0] = HISTORY;
    int p = 1;
    for (int i = 0; i < key.size(); i++) {
      byte b = key.byteAt(i);
      out[p++] = b;
      if (b == ESCAPE) {
        out[p++] = ESCAPED_ZERO;
      }
    }
    out[p++] = ESCAPE;
    out[p] = TERMINATOR;
    return out;
  }

  static byte[] history(ByteString key, long revision) {
    return withRevision(historyGroup(key), revision);
  }

  /** The seek target for "newest version of this group at or before {@code revision}". */
  static byte[] withRevision(byte[] group, long revision) {
    byte[] out = Arrays.copyOf(group, group.length + 8);
    putLong(out, group.length, Long.MAX_VALUE - revision);
    return out;
  }

  /** A key that sorts after every version of {@code group} and before the next user key's group. */
  static byte[] afterGroup(byte[] group) {
    byte[] out = group.clone();
    out[out.length - 1] = AFTER_TERMINATOR;
    return out;
  }

  /** Exclusive upper bound of a history scan for an etcd-style range_end (empty: single key). */
  static byte[] historyEnd(ByteString key, ByteString rangeEnd) {
    if (rangeEnd.isEmpty()) {
      return afterGroup(historyGroup(key));
    }
    if (isFromKey(rangeEnd)) {
      return new byte[] {HISTORY + 1};
    }
    return historyGroup(rangeEnd);
  }

  /** Length of the group prefix (prefix byte, escaped key, terminator) of a history key. */
  static int historyGroupLength(byte[] historyKey) {
    int i = 1;
    while (true) {
      if (historyKey[i] == ESCAPE) {
        if (historyKey[i + 1] == TERMINATOR) {
          return i + 2;
        }
        i += 2;
      } else {
        i++;
      }
    }
  }

  static long revisionOfHistory(byte[] historyKey) {
    return Long.MAX_VALUE - getLong(historyKey, historyKey.length - 8);
  }

  static ByteString userKeyOfHistory(byte[] historyKey, int groupLength) {
    byte[] out = new byte[groupLength - 3];
    int n = 0;
    for (int i = 1; i < groupLength - 2; i++) {
      out[n++] = historyKey[i];
      if (historyKey[i] == ESCAPE) {
        i++;
      }
    }
    return ByteString.copyFrom(out, 0, n);
  }

  // ------------------------------------------------------------------ changes by revision

  static byte[] change(long revision, ByteString key) {
    byte[] out = new byte[9 + key.size()];
    out[0] = CHANGES;
    putLong(out, 1, revision);
    key.copyTo(out, 9);
    return out;
  }

  static byte[] changesFrom(long revision) {
    byte[] out = new byte[9];
    out[0] = CHANGES;
    putLong(out, 1, revision);
    return out;
  }

  static long revisionOfChange(byte[] changeKey) {
    return getLong(changeKey, 1);
  }

  static ByteString userKeyOfChange(byte[] changeKey) {
    return ByteString.copyFrom(changeKey, 9, changeKey.length - 9);
  }

  // ------------------------------------------------------------------ sessions

  static byte[] session(ByteString clientId) {
    byte[] out = new byte[1 + CLIENT_ID_BYTES];
    out[0] = SESSION;
    clientId.copyTo(out, 1);
    return out;
  }

  static byte[] result(ByteString clientId, long requestId) {
    byte[] out = new byte[1 + CLIENT_ID_BYTES + 8];
    out[0] = RESULT;
    clientId.copyTo(out, 1);
    putLong(out, 1 + CLIENT_ID_BYTES, requestId);
    return out;
  }

  /** Prefix of all results of one client. */
  static byte[] results(ByteString clientId) {
    byte[] out = new byte[1 + CLIENT_ID_BYTES];
    out[0] = RESULT;
    clientId.copyTo(out, 1);
    return out;
  }

  static long requestIdOfResult(byte[] resultKey) {
    return getLong(resultKey, 1 + CLIENT_ID_BYTES);
  }

  static byte[] expiry(long lastSeenMs, ByteString clientId) {
    byte[] out = new byte[1 + 8 + CLIENT_ID_BYTES];
    out[0] = EXPIRY;
    putLong(out, 1, lastSeenMs);
    clientId.copyTo(out, 9);
    return out;
  }

  static byte[] expiryBefore(long lastSeenMs) {
    byte[] out = new byte[9];
    out[0] = EXPIRY;
    putLong(out, 1, lastSeenMs);
    return out;
  }

  static long lastSeenOfExpiry(byte[] expiryKey) {
    return getLong(expiryKey, 1);
  }

  static ByteString clientOfExpiry(byte[] expiryKey) {
    return ByteString.copyFrom(expiryKey, 9, CLIENT_ID_BYTES);
  }

  // ------------------------------------------------------------------ leases

  static byte[] lease(long id) {
    byte[] out = new byte[9];
    out[0] = LEASE;
    putLong(out, 1, id);
    return out;
  }

  static long leaseOf(byte[] leaseKey) {
    return getLong(leaseKey, 1);
  }

  static byte[] attached(long lease, ByteString key) {
    byte[] out = new byte[9 + key.size()];
    out[0] = ATTACHED;
    putLong(out, 1, lease);
    key.copyTo(out, 9);
    return out;
  }

  /** Prefix of the attached-key entries of a lease (also the owned-lock entries, with {@link #OWNED}). */
  static byte[] leasePrefix(byte kind, long lease) {
    byte[] out = new byte[9];
    out[0] = kind;
    putLong(out, 1, lease);
    return out;
  }

  static ByteString keyOfAttached(byte[] attachedKey) {
    return ByteString.copyFrom(attachedKey, 9, attachedKey.length - 9);
  }

  // ------------------------------------------------------------------ locks

  static byte[] lock(String name) {
    return withName(LOCK, 0, name, 0);
  }

  static byte[] waiter(String name, long id) {
    byte[] out = withName(QUEUE, 0, name, 8);
    putLong(out, out.length - 8, id);
    return out;
  }

  /** Prefix of a lock's queue. */
  static byte[] queue(String name) {
    return withName(QUEUE, 0, name, 0);
  }

  static long idOfWaiter(byte[] waiterKey) {
    return getLong(waiterKey, waiterKey.length - 8);
  }

  static byte[] owned(long lease, String name) {
    byte[] out = withName(OWNED, 8, name, 0);
    putLong(out, 1, lease);
    return out;
  }

  static String nameOfOwned(byte[] ownedKey) {
    int length = ((ownedKey[9] & 0xFF) << 8) | (ownedKey[10] & 0xFF);
    return new String(ownedKey, 11, length, java.nio.charset.StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ log streams

  static byte[] stream(String name) {
    byte[] utf8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = new byte[1 + utf8.length];
    out[0] = STREAM;
    System.arraycopy(utf8, 0, out, 1, utf8.length);
    return out;
  }

  static String nameOfStream(byte[] streamKey) {
    return new String(streamKey, 1, streamKey.length - 1, java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] entry(String stream, long seq) {
    byte[] out = withName(ENTRY, 0, stream, 8);
    putLong(out, out.length - 8, seq);
    return out;
  }

  static long seqOfEntry(byte[] entryKey) {
    return getLong(entryKey, entryKey.length - 8);
  }

  /** {@code [kind][gap bytes][length : 2][UTF-8 name][tail bytes]}. */
  private static byte[] withName(byte kind, int gap, String name, int tail) {
    byte[] utf8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = new byte[1 + gap + 2 + utf8.length + tail];
    out[0] = kind;
    out[1 + gap] = (byte) (utf8.length >>> 8);
    out[2 + gap] = (byte) utf8.length;
    System.arraycopy(utf8, 0, out, 3 + gap, utf8.length);
    return out;
  }

  // ------------------------------------------------------------------ bytes

  static boolean hasPrefix(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** True if {@code key} sorts before the exclusive bound {@code end} (unsigned byte order, like RocksDB). */
  static boolean before(byte[] key, byte[] end) {
    return Arrays.compareUnsigned(key, end) < 0;
  }

  /** The smallest key greater than every key starting with {@code prefix}. */
  static byte[] prefixEnd(byte[] prefix) {
    int last = prefix.length - 1;
    while (prefix[last] == (byte) 0xFF) {
      last--;
    }
    byte[] out = Arrays.copyOf(prefix, last + 1);
    out[last]++;
    return out;
  }

  /** The smallest key greater than {@code key}: bounds a scan to exactly that key. */
  static byte[] afterExact(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }

  static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  static long getLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }
}
