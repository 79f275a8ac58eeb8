package dev.pop.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.pop.client.ConflictException;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.PopClient;
import dev.pop.client.counter.Bounds;
import dev.pop.client.txn.Cmp;
import dev.pop.client.txn.Op;
import dev.pop.client.txn.OpResult;
import dev.pop.client.txn.TxnResult;
import dev.pop.proto.CommandResult;
import dev.pop.proto.Compare;
import dev.pop.proto.Error;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.IncrementResponse;
import dev.pop.proto.KeyValue;
import dev.pop.proto.PutResponse;
import dev.pop.proto.QueryResult;
import dev.pop.proto.RangeResponse;
import dev.pop.proto.Request;
import dev.pop.proto.Response;
import dev.pop.proto.ResponseHeader;
import dev.pop.proto.TxnRequest;
import dev.pop.proto.TxnResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TxnImplTest {
  private final FakeCluster cluster = new FakeCluster(3);
  private final PopClient pop = new PopClientImpl(
      new ClientConfig(List.of(new HostPort("127.0.0.1", 7701)), Duration.ofSeconds(5), 128, 1 << 20, 16,
          Duration.ZERO), cluster, new SdkExecutors());

  @AfterEach
  void close() {
    pop.close();
  }

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void theBuilderMapsEveryCompareAndOpToTheWire() {
    TxnImpl txn = new TxnImpl(null);
    txn.when(Cmp.value("k").eq("v"), Cmp.version("k").gt(3), Cmp.createRevision("k").lt(9),
            Cmp.modRevision("k").ne(4), Cmp.lease("k").eq(7), Cmp.exists("e"), Cmp.absent("a"),
            Cmp.lockHeld("job", 42))
        .then(Op.put("k", "v2", 7), Op.delete("d/", true), Op.get("g"), Op.increment("c", -1, Bounds.atLeast(0)))
        .otherwise(Op.get("p/", true), Op.increment("c2", 5, Bounds.between(-3, 10)), Op.delete("x"));
    TxnRequest t = txn.request().getTxn();
    List<Compare> c = t.getCompareList();
    assertEquals(Compare.newBuilder().setKey(b("k")).setValue(b("v")).build(), c.get(0));
    assertEquals(Compare.newBuilder().setKey(b("k")).setOp(Compare.Op.GREATER).setVersion(3).build(), c.get(1));
    assertEquals(Compare.newBuilder().setKey(b("k")).setOp(Compare.Op.LESS).setCreateRevision(9).build(), c.get(2));
    assertEquals(Compare.newBuilder().setKey(b("k")).setOp(Compare.Op.NOT_EQUAL).setModRevision(4).build(), c.get(3));
    assertEquals(Compare.newBuilder().setKey(b("k")).setLease(7).build(), c.get(4));
    assertEquals(Compare.newBuilder().setKey(b("e")).setExists(true).build(), c.get(5));
    assertEquals(Compare.newBuilder().setKey(b("a")).setExists(false).build(), c.get(6));
    assertEquals(Compare.TargetCase.EXISTS, c.get(6).getTargetCase(), "absent sets exists=false explicitly");
    assertTrue(c.get(7).getKey().isEmpty());
    assertEquals("job", c.get(7).getLockHeld().getName());
    assertEquals(42, c.get(7).getLockHeld().getFence());

    List<Request> s = t.getSuccessList();
    assertEquals(b("v2"), s.get(0).getPut().getValue());
    assertEquals(7, s.get(0).getPut().getLease());
    assertEquals(b("d/"), s.get(1).getDeleteRange().getKey());
    assertEquals(b("d0"), s.get(1).getDeleteRange().getRangeEnd(), "prefix end of d/");
    assertEquals(b("g"), s.get(2).getRange().getKey());
    assertTrue(s.get(2).getRange().getRangeEnd().isEmpty());
    assertEquals(-1, s.get(3).getIncrement().getDelta());
    assertTrue(s.get(3).getIncrement().hasMin());
    assertFalse(s.get(3).getIncrement().hasMax());
    List<Request> f = t.getFailureList();
    assertEquals(b("p0"), f.get(0).getRange().getRangeEnd());
    assertEquals(-3, f.get(1).getIncrement().getMin());
    assertEquals(10, f.get(1).getIncrement().getMax());
    assertTrue(f.get(2).getDeleteRange().getRangeEnd().isEmpty());
  }

  @Test
  void badArgumentsAreRefusedBeforeSending() {
    assertThrows(InvalidArgumentException.class, () -> Cmp.value("").eq("v"));
    assertThrows(InvalidArgumentException.class, () -> Op.put((String) null, "v"));
    assertThrows(InvalidArgumentException.class, () -> Op.put("k", "v", -1));
    assertThrows(InvalidArgumentException.class, () -> Bounds.between(5, 1));
    assertThrows(InvalidArgumentException.class, () -> pop.txn().when((Cmp) null));
    assertTrue(cluster.sent.isEmpty());
  }

  @Test
  void aWriteTxnIsOneCommandAndItsResultsAreMapped() {
    cluster.behave((sent, c) -> {
      assertTrue(sent.kind().isWrite());
      assertEquals(1, sent.command().getRequestsCount());
      TxnResponse t = TxnResponse.newBuilder().setSucceeded(true).setRevision(12)
          .addResponses(Response.newBuilder().setPut(PutResponse.newBuilder().setRevision(12)))
          .addResponses(Response.newBuilder().setIncrement(IncrementResponse.newBuilder().setValue(4).setRevision(12)))
          .build();
      return reply(CommandResult.newBuilder().setHeader(ResponseHeader.newBuilder().setRevision(12))
          .addResponses(Response.newBuilder().setTxn(t)).build().toByteArray());
    });
    TxnResult r = pop.txn().when(Cmp.absent("k")).then(Op.put("k", "v"), Op.increment("n", 1)).commit();
    assertTrue(r.succeeded());
    assertEquals(12, r.revision());
    assertEquals(List.of(new OpResult.Put(12), new OpResult.Increment(4, 12)), r.results());
  }

  @Test
  void aTxnOfGetsOnlyIsSentAsALinearizableRead() {
    cluster.behave((sent, c) -> {
      assertEquals(RequestKind.LINEARIZABLE_READ, sent.kind());
      TxnResponse t = TxnResponse.newBuilder().setSucceeded(false).setRevision(5)
          .addResponses(Response.newBuilder().setRange(RangeResponse.newBuilder().setCount(1)
              .addKvs(KeyValue.newBuilder().setKey(b("k")).setValue(b("v")).setVersion(1)))).build();
      return reply(QueryResult.newBuilder().addResponses(Response.newBuilder().setTxn(t)).build().toByteArray());
    });
    TxnResult r = pop.txn().when(Cmp.version("k").eq(9)).then(Op.get("k")).otherwise(Op.get("k")).commit();
    assertFalse(r.succeeded(), "a false compare is a result, not an error");
    assertEquals("v", ((OpResult.Get) r.results().get(0)).first().orElseThrow().valueUtf8());
  }

  @Test
  void aRefusedTxnThrowsTheTypedErrorOfTheOp() {
    cluster.behave((sent, c) -> reply(CommandResult.newBuilder().addResponses(Response.newBuilder().setError(
        Error.newBuilder().setCode(ErrorCode.CONFLICT).setMessage("txn: success[0].increment: key c is 0; adding -1 "
            + "gives -1, below min 0; nothing changed"))).build().toByteArray()));
    ConflictException e = assertThrows(ConflictException.class,
        () -> pop.txn().then(Op.increment("c", -1, Bounds.atLeast(0))).commit());
    assertTrue(e.getMessage().startsWith("txn: success[0].increment:"), e.getMessage());
  }

  @Test
  void countersSendOneIncrementWithItsBounds() {
    cluster.behave((sent, c) -> {
      Request r = sent.command().getRequests(0);
      assertEquals(-1, r.getIncrement().getDelta());
      assertEquals(0, r.getIncrement().getMin());
      assertFalse(r.getIncrement().hasMax());
      return reply(CommandResult.newBuilder().addResponses(Response.newBuilder().setIncrement(
          IncrementResponse.newBuilder().setValue(9).setRevision(3))).build().toByteArray());
    });
    assertEquals(9, pop.counters().increment("left", -1, Bounds.atLeast(0)));
  }

  private static CompletableFuture<ByteBuffer> reply(byte[] bytes) {
    return CompletableFuture.completedFuture(ByteBuffer.wrap(bytes));
  }
}
