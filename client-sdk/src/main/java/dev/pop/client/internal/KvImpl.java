package dev.pop.client.internal;

import com.google.protobuf.ByteString;
import dev.pop.client.Consistency;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.Kv;
import dev.pop.client.kv.DeleteOptions;
import dev.pop.client.kv.DeleteResult;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.kv.PutResult;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.PutRequest;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.Request;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** {@link Kv} on the client's lanes: validates, builds one wire request per call, and maps its response. */
final class KvImpl implements Kv {
  private final Lanes lanes;
  private final long timeoutNanos;

  KvImpl(Lanes lanes, ClientConfig config) {
    this.lanes = lanes;
    this.timeoutNanos = config.timeout().toNanos();
  }

  @Override
  public PutResult put(String key, String value) {
    return put(utf8("put", "key", key), utf8("put", "value", value), PutOptions.DEFAULT);
  }

  @Override
  public PutResult put(byte[] key, byte[] value, PutOptions options) {
    return Futures.await("put", putAsync(key, value, options), true);
  }

  @Override
  public GetResult get(String key) {
    return get(utf8("get", "key", key), GetOptions.DEFAULT);
  }

  @Override
  public GetResult get(byte[] key, GetOptions options) {
    return Futures.await("get", getAsync(key, options), false);
  }

  @Override
  public DeleteResult delete(String key) {
    return delete(utf8("delete", "key", key), DeleteOptions.DEFAULT);
  }

  @Override
  public DeleteResult delete(byte[] key, DeleteOptions options) {
    return Futures.await("delete", deleteAsync(key, options), true);
  }

  @Override
  public CompletableFuture<PutResult> putAsync(byte[] key, byte[] value, PutOptions options) {
    try {
      PutOptions o = options == null ? PutOptions.DEFAULT : options;
      requireKey("put", key, false);
      if (value == null) {
        throw new InvalidArgumentException("put: value must not be null (use an empty array)");
      }
      Request r = Request.newBuilder().setPut(PutRequest.newBuilder()
          .setKey(ByteString.copyFrom(key)).setValue(ByteString.copyFrom(value))
          .setLease(o.lease()).setPrevKv(o.prevKv())).build();
      return submit("put", r, lanes.writes(), ProtoResults::put);
    } catch (InvalidArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<GetResult> getAsync(byte[] key, GetOptions options) {
    try {
      GetOptions o = options == null ? GetOptions.DEFAULT : options;
      boolean ranged = o.prefix() || o.rangeEnd() != null;
      requireKey("get", key, ranged);
      byte[] start = key;
      byte[] end = o.rangeEnd();
      if (o.prefix()) {
        if (key.length == 0) {
          start = KeyRanges.ALL_FROM_KEY;
          end = KeyRanges.ALL_FROM_KEY;
        } else {
          end = KeyRanges.prefixEnd(key);
        }
      } else if (key.length == 0) {
        start = KeyRanges.ALL_FROM_KEY; // empty start with a range end: from the first key
      }
      RangeRequest.Builder range = RangeRequest.newBuilder().setKey(ByteString.copyFrom(start))
          .setLimit(o.limit()).setRevision(o.revision()).setKeysOnly(o.keysOnly()).setCountOnly(o.countOnly());
      if (end != null) {
        range.setRangeEnd(ByteString.copyFrom(end));
      }
      Lane lane = o.consistency() == Consistency.SERIALIZABLE
          ? lanes.serializableReads(o.member()) : lanes.linearizableReads(o.member());
      return submit("get", Request.newBuilder().setRange(range).build(), lane, ProtoResults::get);
    } catch (InvalidArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<DeleteResult> deleteAsync(byte[] key, DeleteOptions options) {
    try {
      DeleteOptions o = options == null ? DeleteOptions.DEFAULT : options;
      requireKey("delete", key, o.prefix());
      DeleteRangeRequest.Builder d = DeleteRangeRequest.newBuilder().setPrevKv(o.prevKv());
      if (o.prefix()) {
        boolean all = key.length == 0;
        d.setKey(ByteString.copyFrom(all ? KeyRanges.ALL_FROM_KEY : key))
            .setRangeEnd(ByteString.copyFrom(all ? KeyRanges.ALL_FROM_KEY : KeyRanges.prefixEnd(key)));
      } else {
        d.setKey(ByteString.copyFrom(key));
      }
      return submit("delete", Request.newBuilder().setDeleteRange(d).build(), lanes.writes(), ProtoResults::delete);
    } catch (InvalidArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public long compact(long revision) {
    if (revision <= 0) {
      throw new InvalidArgumentException("compact: revision is " + revision + ", must be > 0");
    }
    Request r = Request.newBuilder().setCompact(dev.pop.proto.CompactRequest.newBuilder().setRevision(revision))
        .build();
    return Futures.await("compact", submit("compact", r, lanes.writes(), (resp, h) -> {
      if (!resp.hasCompact()) {
        throw new IllegalStateException("unexpected reply " + resp.getResultCase() + " instead of COMPACT");
      }
      return resp.getCompact().getCompactRevision();
    }), true);
  }

  private <R> CompletableFuture<R> submit(String op, Request request, Lane lane, ResponseMapper<R> mapper) {
    long now = System.nanoTime();
    PendingCall<R> call = new PendingCall<>(op, request, now, now + timeoutNanos, mapper);
    if (call.sizeBytes() > ClientConfig.MAX_BATCH_BYTES_LIMIT) {
      throw new InvalidArgumentException(op + ": request is " + call.sizeBytes() + " bytes; the limit is "
          + ClientConfig.MAX_BATCH_BYTES_LIMIT + " (server request limit " + ClientConfig.SERVER_REQUEST_LIMIT_BYTES
          + " bytes less envelope; values are limited to 1 MiB, keys to 4 KiB)");
    }
    lane.submit(call);
    return call.future();
  }

  private static void requireKey(String op, byte[] key, boolean emptyAllowed) {
    if (key == null) {
      throw new InvalidArgumentException(op + ": key must not be null");
    }
    if (key.length == 0 && !emptyAllowed) {
      throw new InvalidArgumentException(op + ": key must not be empty");
    }
  }

  private static byte[] utf8(String op, String field, String s) {
    if (s == null) {
      throw new InvalidArgumentException(op + ": " + field + " must not be null");
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
