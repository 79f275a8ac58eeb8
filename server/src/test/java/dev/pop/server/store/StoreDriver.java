package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.Command;
import dev.pop.proto.CommandResult;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.LogEntry;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Query;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.RangeResponse;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.StatusRequest;
import dev.pop.proto.StatusResponse;
import dev.pop.server.apply.Limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Drives a {@link RocksStore} the way the Ratis adapter does: consecutive indexes, one term, a leader clock. */
final class StoreDriver implements AutoCloseable {
  final Path dir;
  final Limits limits;
  RocksStore store;
  long index;
  long term = 1;
  long timeMs = 1_000_000;

  StoreDriver(Path dir) throws IOException {
    this(dir, Limits.DEFAULT);
  }

  StoreDriver(Path dir, Limits limits) throws IOException {
    this.dir = dir;
    this.limits = limits;
    this.store = RocksStore.open(dir, limits);
    this.index = store.appliedIndex();
  }

  void reopen() throws IOException {
    store.close();
    store = RocksStore.open(dir, limits);
  }

  CommandResult apply(LogEntry entry) throws IOException {
    return store.apply(term, ++index, entry);
  }

  /** Applies a Command without a session and returns its responses. */
  CommandResult write(Request... requests) throws IOException {
    return apply(entry(timeMs, Command.newBuilder().addAllRequests(java.util.List.of(requests)).build()));
  }

  Response writeOne(Request request) throws IOException {
    return write(request).getResponses(0);
  }

  CommandResult session(ByteString client, long requestId, long ackBelow, Request... requests) throws IOException {
    return apply(entry(timeMs, command(client, requestId, ackBelow, requests)));
  }

  /** Applies the leader's own entry ({@code LogEntry.internal}) and returns its responses. */
  CommandResult internal(Request... requests) throws IOException {
    return apply(LogEntry.newBuilder().setLeaderTimeMs(timeMs)
        .setInternal(Command.newBuilder().addAllRequests(java.util.List.of(requests))).build());
  }

  /** Answers one read request. */
  Response query(Request request) {
    return store.query(Query.newBuilder().addRequests(request).build()).getResponses(0);
  }

  Response read(RangeRequest range) {
    return store.query(Query.newBuilder().addRequests(Request.newBuilder().setRange(range)).build()).getResponses(0);
  }

  RangeResponse range(RangeRequest range) {
    Response r = read(range);
    assertFalse(r.hasError(), () -> "unexpected error " + r.getError());
    return r.getRange();
  }

  RangeResponse get(String key) {
    return range(RangeRequest.newBuilder().setKey(bs(key)).build());
  }

  String value(String key) {
    RangeResponse r = get(key);
    return r.getKvsCount() == 0 ? null : r.getKvs(0).getValue().toStringUtf8();
  }

  StatusResponse status() {
    return store.query(Query.newBuilder().addRequests(Request.newBuilder().setStatus(StatusRequest.getDefaultInstance())).build())
        .getResponses(0).getStatus();
  }

  @Override
  public void close() throws IOException {
    store.close();
  }

  // ------------------------------------------------------------------ builders

  static ByteString bs(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }

  static ByteString client(int n) {
    byte[] id = new byte[16];
    id[0] = (byte) 0xC1;
    id[15] = (byte) n;
    return ByteString.copyFrom(id);
  }

  static LogEntry entry(long timeMs, Command command) {
    return LogEntry.newBuilder().setLeaderTimeMs(timeMs).setCommand(command).build();
  }

  static Command command(ByteString client, long requestId, long ackBelow, Request... requests) {
    return Command.newBuilder().setClientId(client).setRequestId(requestId).setAckBelow(ackBelow)
        .addAllRequests(java.util.List.of(requests)).build();
  }

  static Request put(String key, String value) {
    return Request.newBuilder().setPut(PutRequest.newBuilder().setKey(bs(key)).setValue(bs(value))).build();
  }

  static Request putPrev(String key, String value) {
    return Request.newBuilder().setPut(PutRequest.newBuilder().setKey(bs(key)).setValue(bs(value)).setPrevKv(true))
        .build();
  }

  static Request delete(String key) {
    return Request.newBuilder().setDeleteRange(DeleteRangeRequest.newBuilder().setKey(bs(key)).setPrevKv(true)).build();
  }

  static Request deletePrefix(String prefix) {
    return Request.newBuilder().setDeleteRange(DeleteRangeRequest.newBuilder()
        .setKey(bs(prefix)).setRangeEnd(prefixEnd(bs(prefix))).setPrevKv(true)).build();
  }

  static RangeRequest.Builder prefix(String prefix) {
    return RangeRequest.newBuilder().setKey(bs(prefix)).setRangeEnd(prefixEnd(bs(prefix)));
  }

  static RangeRequest.Builder key(String key) {
    return RangeRequest.newBuilder().setKey(bs(key));
  }

  /** etcd's prefix end: the prefix with its last byte incremented. */
  static ByteString prefixEnd(ByteString prefix) {
    byte[] b = prefix.toByteArray();
    for (int i = b.length - 1; i >= 0; i--) {
      if (b[i] != (byte) 0xFF) {
        b[i]++;
        return ByteString.copyFrom(b, 0, i + 1);
      }
    }
    return ByteString.copyFrom(new byte[] {0});
  }

  static void assertKeys(RangeResponse r, String... keys) {
    assertEquals(java.util.List.of(keys), r.getKvsList().stream().map(kv -> kv.getKey().toStringUtf8()).toList());
  }
}
