package dev.pop.client.internal;

import com.google.protobuf.ByteString;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.Watches;
import dev.pop.client.watch.Watch;
import dev.pop.client.watch.WatchListener;
import dev.pop.client.watch.WatchOptions;
import dev.pop.client.watch.WatchPosition;
import dev.pop.proto.Request;
import dev.pop.proto.StatusRequest;
import dev.pop.proto.WatchRequest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/** {@link Watches} on the client's {@link WatchHub}. */
final class WatchesImpl implements Watches {
  private static final int MAX_KEY_BYTES = 4096;

  private final WatchHub hub;
  private final Calls calls;
  private final Executor callbacks;

  WatchesImpl(WatchHub hub, Calls calls, Executor callbacks) {
    this.hub = hub;
    this.calls = calls;
    this.callbacks = callbacks;
  }

  @Override
  public Watch watch(String key, WatchOptions options, WatchListener listener) {
    if (key == null) {
      throw new InvalidArgumentException("watch: key must not be null");
    }
    return watch(key.getBytes(StandardCharsets.UTF_8), options, listener);
  }

  @Override
  public Watch watch(byte[] key, WatchOptions options, WatchListener listener) {
    if (key == null || key.length == 0) {
      throw new InvalidArgumentException("watch: key must not be " + (key == null ? "null" : "empty"));
    }
    if (key.length > MAX_KEY_BYTES) {
      throw new InvalidArgumentException("watch: key is " + key.length + " bytes, limit is " + MAX_KEY_BYTES);
    }
    if (options == null || listener == null) {
      throw new InvalidArgumentException("watch: options and listener must not be null");
    }
    WatchRequest.Builder base = WatchRequest.newBuilder().setKey(ByteString.copyFrom(key))
        .setPrevKv(options.prevKv());
    if (options.isPrefix()) {
      base.setRangeEnd(ByteString.copyFrom(KeyRanges.prefixEnd(key)));
    }
    WatchPosition start = options.start();
    if (start == null) {
      // after what the cluster has committed now: a linearizable read of the revision
      long revision = Futures.await("watch", calls.read("watch",
          Request.newBuilder().setStatus(StatusRequest.getDefaultInstance()).build(),
          (r, h) -> r.getStatus().getRevision()), false);
      start = WatchPosition.of(revision + 1);
    }
    String label = (options.isPrefix() ? "prefix " : "key ") + show(key);
    WatcherState[] self = new WatcherState[1];
    self[0] = new WatcherState(base.build(), label, start, listener, options.maxBufferedEvents(), callbacks,
        () -> hub.remove(self[0]));
    hub.add(self[0]);
    return self[0];
  }

  private static String show(byte[] key) {
    String s = new String(key, StandardCharsets.UTF_8);
    return "\"" + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + "\"";
  }
}
