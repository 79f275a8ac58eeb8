package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.IncrementRequest;
import dev.pop.proto.IncrementResponse;
import dev.pop.proto.Response;
import dev.pop.server.apply.Errors;
import org.rocksdb.RocksDBException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Counters: a signed 64-bit integer stored as its decimal ASCII text, so a plain get shows it. A missing key
 * counts as 0. Every check happens before the write, so a refused increment changes nothing.
 */
final class CounterApplier {
  private final PendingBatch pending;
  private final KvApplier kv;

  CounterApplier(PendingBatch pending, KvApplier kv) {
    this.pending = pending;
    this.kv = kv;
  }

  Response increment(IncrementRequest request) throws IOException {
    try {
      ByteString key = request.getKey();
      byte[] prev = pending.get(KeySpace.current(key));
      long current = 0;
      if (prev != null) {
        ByteString text = ByteString.copyFrom(prev, VersionRecord.HEADER_BYTES, VersionRecord.valueSize(prev));
        Long parsed = parse(text);
        if (parsed == null) {
          return Errors.response(Errors.invalidArgument("increment: key " + Errors.show(key)
              + " holds " + Errors.show(text) + ", not a signed 64-bit decimal integer"));
        }
        current = parsed;
      }
      long delta = request.getDelta();
      long next;
      try {
        next = Math.addExact(current, delta);
      } catch (ArithmeticException e) {
        return Errors.response(Errors.invalidArgument("increment: key " + Errors.show(key) + ": " + current + " + "
            + delta + " overflows a signed 64-bit integer"));
      }
      if (request.hasMin() && next < request.getMin()) {
        return outOfBounds(key, current, delta, next, "below min " + request.getMin());
      }
      if (request.hasMax() && next > request.getMax()) {
        return outOfBounds(key, current, delta, next, "above max " + request.getMax());
      }
      long lease = prev == null ? 0 : VersionRecord.lease(prev);
      long revision = kv.write(key, ByteString.copyFromUtf8(Long.toString(next)), lease, prev);
      return Response.newBuilder().setIncrement(IncrementResponse.newBuilder().setValue(next).setRevision(revision))
          .build();
    } catch (RocksDBException e) {
      throw new IOException("increment failed in RocksDB: " + e.getMessage(), e);
    }
  }

  private static Response outOfBounds(ByteString key, long current, long delta, long next, String bound) {
    return Errors.response(Errors.of(ErrorCode.CONFLICT, "increment: key " + Errors.show(key) + " is " + current
        + "; adding " + delta + " gives " + next + ", " + bound + "; nothing changed"));
  }

  /** The value as an integer: ASCII, an optional sign, 1 to 19 digits, in range; otherwise null. */
  static Long parse(ByteString text) {
    int n = text.size();
    int start = n > 0 && (text.byteAt(0) == '-' || text.byteAt(0) == '+') ? 1 : 0;
    if (n == start || n - start > 19) {
      return null;
    }
    for (int i = start; i < n; i++) {
      byte b = text.byteAt(i);
      if (b < '0' || b > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(text.toString(StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
