package dev.pop.server.store;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.BiConsumer;

/**
 * A digest of a member's whole replicated state at one point in time, like etcd's {@code hashkv}: SHA-256 over every
 * RocksDB key and value of the store (current state, history, sessions, leases, locks and the meta record), in key
 * order, each length-prefixed. Members that applied the same log prefix have equal hashes; compare them only at equal
 * {@code appliedIndex}.
 *
 * @param appliedIndex the applied index of the state hashed
 * @param revision its revision
 * @param keys number of RocksDB entries hashed
 * @param sha256 hex digest
 */
public record StoreHash(long appliedIndex, long revision, long keys, String sha256) {

  /** Hashes the database as of one RocksDB snapshot. */
  static StoreHash of(RocksDB db) {
    final Snapshot snapshot = db.getSnapshot();
    try (ReadOptions read = new ReadOptions().setSnapshot(snapshot)) {
      final MessageDigest digest = newDigest();
      final long[] count = {0};
      final Meta[] meta = {new Meta()};
      scan(db, read, (k, v) -> {
        digest.update(lengthOf(k));
        digest.update(k);
        digest.update(lengthOf(v));
        digest.update(v);
        count[0]++;
        if (k.length == 1 && k[0] == KeySpace.META) {
          meta[0] = Meta.decode(v);
        }
      });
      return new StoreHash(meta[0].appliedIndex, meta[0].revision, count[0], HexFormat.of().formatHex(digest.digest()));
    } finally {
      db.releaseSnapshot(snapshot);
    }
  }

  /** Every key and value of the database, in key order. */
  static void scan(RocksDB db, ReadOptions read, BiConsumer<byte[], byte[]> each) {
    try (RocksIterator it = db.newIterator(read)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        each.accept(it.key(), it.value());
      }
    }
  }

  private static byte[] lengthOf(byte[] b) {
    final byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      out[i] = (byte) (b.length >>> (24 - 8 * i));
    }
    return out;
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
