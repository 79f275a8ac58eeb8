package dev.pop.server.apply;

import com.google.protobuf.ByteString;
import dev.pop.proto.Command;
import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.Error;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Query;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.Request;
import dev.pop.proto.StatusRequest;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestValidatorTest {
  private static final ByteString CLIENT = ByteString.copyFrom(new byte[16]);
  private static final ByteString FROM_KEY = ByteString.copyFrom(new byte[] {0});
  private final RequestValidator validator = new RequestValidator(Limits.DEFAULT);

  private static ByteString bytes(int n) {
    return ByteString.copyFrom(new byte[n]);
  }

  private static ByteString bs(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private static Command.Builder command(Request... requests) {
    return Command.newBuilder().setClientId(CLIENT).setRequestId(5).setAckBelow(2)
        .addAllRequests(java.util.List.of(requests));
  }

  private static Request put(ByteString key, ByteString value) {
    return Request.newBuilder().setPut(PutRequest.newBuilder().setKey(key).setValue(value)).build();
  }

  private static Request delete(ByteString key, ByteString end) {
    return Request.newBuilder().setDeleteRange(DeleteRangeRequest.newBuilder().setKey(key).setRangeEnd(end)).build();
  }

  private static Request range(RangeRequest.Builder range) {
    return Request.newBuilder().setRange(range).build();
  }

  private static Request status() {
    return Request.newBuilder().setStatus(StatusRequest.getDefaultInstance()).build();
  }

  private String refusal(Command.Builder command) {
    Error e = validator.validate(command.build()).orElseThrow(() -> new AssertionError("accepted " + command));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.getCode());
    return e.getMessage();
  }

  private String refusal(Request... reads) {
    Error e = validator.validate(Query.newBuilder().addAllRequests(java.util.List.of(reads)).build())
        .orElseThrow(() -> new AssertionError("accepted"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.getCode());
    return e.getMessage();
  }

  @Test
  void defaultsMatchTheSpec() {
    assertEquals(4096, Limits.DEFAULT.maxKeyBytes());
    assertEquals(1 << 20, Limits.DEFAULT.maxValueBytes());
    assertEquals(1_572_864, Limits.DEFAULT.maxRequestBytes());
    assertEquals(128, Limits.DEFAULT.maxTxnOps());
    assertEquals(2L * 1024 * 1024 * 1024, Limits.DEFAULT.quotaBytes());
  }

  @Test
  void acceptsWellFormedRequests() {
    assertEquals(Optional.empty(), validator.validate(command(put(bs("k"), bs("v")), delete(bs("a"), bs("b")),
        delete(bs("a"), FROM_KEY), put(bytes(4096), bytes(1 << 20))).build()));
    assertEquals(Optional.empty(), validator.validate(command(put(bs("k"), bs("v"))).setAckBelow(5).build()));
    assertEquals(Optional.empty(), validator.validate(Query.newBuilder()
        .addRequests(range(RangeRequest.newBuilder().setKey(bs("a")).setRangeEnd(bs("b")).setLimit(3).setRevision(7)))
        .addRequests(range(RangeRequest.newBuilder().setKey(ByteString.EMPTY).setRangeEnd(FROM_KEY)))
        .addRequests(status()).build()));
  }

  @Test
  void keysAreBounded() {
    assertEquals("put: key is 5000 bytes, limit is 4096 (maxKeyBytes)", refusal(command(put(bytes(5000), bs("v")))));
    assertEquals("put: key is empty", refusal(command(put(ByteString.EMPTY, bs("v")))));
    assertEquals("delete_range: key is empty", refusal(command(delete(ByteString.EMPTY, ByteString.EMPTY))));
    assertEquals("delete_range: key is empty", refusal(command(delete(ByteString.EMPTY, FROM_KEY))));
    assertEquals("range: key is empty", refusal(range(RangeRequest.newBuilder())));
    assertEquals("range: key is 4097 bytes, limit is 4096 (maxKeyBytes)",
        refusal(range(RangeRequest.newBuilder().setKey(bytes(4097)))));
  }

  @Test
  void valuesAreBounded() {
    assertEquals("put: value is 1048577 bytes, limit is 1048576 (maxValueBytes)",
        refusal(command(put(bs("k"), bytes((1 << 20) + 1)))));
  }

  @Test
  void leasesAreNotNegative() {
    Request put = Request.newBuilder().setPut(PutRequest.newBuilder().setKey(bs("k")).setLease(-1)).build();
    assertEquals("put: lease is -1, must be >= 0", refusal(command(put)));
  }

  @Test
  void rangeEndMustFollowTheKey() {
    String expected = "range_end must be greater than key (or \"\\0\" for every key >= key)";
    assertEquals("delete_range: " + expected, refusal(command(delete(bs("b"), bs("a")))));
    assertEquals("delete_range: " + expected, refusal(command(delete(bs("a"), bs("a")))));
    assertEquals("range: " + expected, refusal(range(RangeRequest.newBuilder().setKey(bs("b")).setRangeEnd(bs("a")))));
    assertEquals("range: range_end is 4097 bytes, limit is 4096 (maxKeyBytes)",
        refusal(range(RangeRequest.newBuilder().setKey(bs("a")).setRangeEnd(bs("b").concat(bytes(4096))))));
  }

  @Test
  void limitAndRevisionAreNotNegative() {
    assertEquals("range: limit is -1, must be >= 0", refusal(range(RangeRequest.newBuilder().setKey(bs("a")).setLimit(-1))));
    assertEquals("range: revision is -2, must be >= 0",
        refusal(range(RangeRequest.newBuilder().setKey(bs("a")).setRevision(-2))));
  }

  @Test
  void theEnvelopeIsChecked() {
    Request ok = put(bs("k"), bs("v"));
    assertEquals("command: client_id is 15 bytes, must be 16", refusal(command(ok).setClientId(bytes(15))));
    assertEquals("command: client_id is 0 bytes, must be 16", refusal(command(ok).clearClientId()));
    assertEquals("command: request_id is 0, must be > 0", refusal(command(ok).setRequestId(0).setAckBelow(0)));
    assertEquals("command: ack_below is 6, must be in [0, request_id=5]", refusal(command(ok).setAckBelow(6)));
    assertEquals("command: ack_below is -1, must be in [0, request_id=5]", refusal(command(ok).setAckBelow(-1)));
    assertEquals("command: requests is empty, at least one is needed", refusal(command()));
    assertEquals("query: requests is empty, at least one is needed", refusal());
  }

  @Test
  void theWholeRequestIsBounded() {
    Request half = put(bs("k"), bytes(800_000));
    String message = refusal(command(half, half));
    assertTrue(message.startsWith("command: size is 16000"), message);
    assertTrue(message.endsWith(" bytes, limit is 1572864 (maxRequestBytes)"), message);
    Request bigRange = range(RangeRequest.newBuilder().setKey(bytes(4000)));
    Request[] many = new Request[400];
    java.util.Arrays.fill(many, bigRange);
    assertTrue(refusal(many).startsWith("query: size is "));
  }

  @Test
  void writesAndReadsStayInTheirEnvelope() {
    String writes = "(writes only: put, delete_range, txn, increment, lease_grant, lease_keep_alive, lease_revoke, "
        + "lock, unlock, compact, log_append, log_trim); send it in a Query";
    String reads = "(reads only: range, status, txn, lease_time_to_live, lock_status, lock_wait, watch, log_read, "
        + "log_list); send it in a Command";
    assertEquals("range: not allowed in a Command " + writes, refusal(command(range(RangeRequest.newBuilder().setKey(bs("a"))))));
    assertEquals("status: not allowed in a Command " + writes, refusal(command(status())));
    assertEquals("put: not allowed in a Query " + reads, refusal(put(bs("k"), bs("v"))));
    assertEquals("delete_range: not allowed in a Query " + reads, refusal(delete(bs("k"), ByteString.EMPTY)));
  }

  @Test
  void aRequestWithoutOperationIsRefused() {
    assertEquals("request: no operation set", refusal(command(Request.getDefaultInstance())));
    assertEquals("request: no operation set", refusal(Request.getDefaultInstance()));
  }

  @Test
  void inABatchTheMessageNamesTheRequest() {
    assertEquals("requests[1].put: key is empty",
        refusal(command(put(bs("k"), bs("v")), put(ByteString.EMPTY, bs("v")))));
  }

  @Test
  void limitsAreConfigurable() {
    RequestValidator small = new RequestValidator(new Limits(8, 4, 1000, 1, 10));
    Error e = small.validate(command(put(bs("k"), bs("12345"))).build()).orElseThrow();
    assertEquals("put: value is 5 bytes, limit is 4 (maxValueBytes)", e.getMessage());
  }

  private static Request watch(dev.pop.proto.WatchRequest.Builder w) {
    return Request.newBuilder().setWatch(w).build();
  }

  private static Request logAppend(dev.pop.proto.LogAppendRequest.Builder a) {
    return Request.newBuilder().setLogAppend(a).build();
  }

  @Test
  void watchesLogsAndCompactionAreChecked() {
    assertEquals("watch: key is empty", refusal(watch(dev.pop.proto.WatchRequest.newBuilder())));
    assertEquals("watch: start_revision is -1, must be >= 0 (0: from the next change)",
        refusal(watch(dev.pop.proto.WatchRequest.newBuilder().setKey(bs("k")).setStartRevision(-1))));
    assertEquals("watch: wait_ms is 60001, must be in [0, 60000]",
        refusal(watch(dev.pop.proto.WatchRequest.newBuilder().setKey(bs("k")).setWaitMs(60_001))));
    assertEquals("query: a Query with a watch may hold only watches",
        refusal(watch(dev.pop.proto.WatchRequest.newBuilder().setKey(bs("k"))), status()));
    assertEquals("log_append: stream is empty", refusal(command(logAppend(dev.pop.proto.LogAppendRequest.newBuilder()))));
    assertEquals("log_append: expected_seq is -2, must be >= 0 (0: any)", refusal(command(logAppend(
        dev.pop.proto.LogAppendRequest.newBuilder().setStream("s").setExpectedSeq(-2)))));
    assertTrue(refusal(command(logAppend(dev.pop.proto.LogAppendRequest.newBuilder().setStream("s")
        .setData(bytes((1 << 20) + 1))))).startsWith("log_append: data is 1048577 bytes, limit is 1048576"));
    assertEquals("log_trim: upto_seq is -1, must be > 0", refusal(command(Request.newBuilder().setLogTrim(
        dev.pop.proto.LogTrimRequest.newBuilder().setStream("s").setUptoSeq(-1)).build())));
    assertEquals("log_read: from_seq is -1, must be >= 0 (0: the first kept entry)", refusal(Request.newBuilder()
        .setLogRead(dev.pop.proto.LogReadRequest.newBuilder().setStream("s").setFromSeq(-1)).build()));
    assertEquals("compact: revision is 0, must be > 0", refusal(command(Request.newBuilder().setCompact(
        dev.pop.proto.CompactRequest.newBuilder()).build())));
    assertEquals("watch: not allowed in a Command (writes only: put, delete_range, txn, increment, lease_grant, "
        + "lease_keep_alive, lease_revoke, lock, unlock, compact, log_append, log_trim); send it in a Query",
        refusal(command(watch(dev.pop.proto.WatchRequest.newBuilder().setKey(bs("k"))))));
  }

  @Test
  void internalCommandsMayCompact() {
    Command internal = Command.newBuilder().addRequests(Request.newBuilder().setCompact(
        dev.pop.proto.CompactRequest.newBuilder().setRevision(5))).build();
    assertTrue(validator.validateInternal(internal).isEmpty());
    Command bad = Command.newBuilder().addRequests(put(bs("k"), bs("v"))).build();
    assertEquals("requests[0].put: not allowed in an internal command (lease_expire, compact only)",
        validator.validateInternal(bad).orElseThrow().getMessage());
  }
}
