package dev.pop.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pop.client.counter.IncrementResult;
import dev.pop.client.election.Leader;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.lease.Lease;
import dev.pop.client.lease.LeaseRevoked;
import dev.pop.client.lease.LeaseTimeToLive;
import dev.pop.client.lock.LockGrant;
import dev.pop.client.txn.OpResult;
import dev.pop.client.txn.TxnResult;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * One JSON document per result (SPEC section 5): {@code lease grant} → {@code {"id":7587,"ttlMs":3000}},
 * {@code lock} → {@code {"name":"job","fence":42}}, {@code txn} → {@code {"succeeded":..,"revision":..,
 * "results":[{"put":{"revision":R}}, {"delete":{"deleted":N,"revision":R}}, {"get":{"kvs":[..],"count":N,
 * "more":false}}, {"increment":{"value":V,"revision":R}}]}} (each result named like the op of SPEC section 6 that
 * produced it). Keys and values as UTF-8 text, or under {@code "keyBase64"}/{@code "valueBase64"}.
 */
public final class JsonPrimitivePrinter implements PrimitivePrinter {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final PrintStream out;

  public JsonPrimitivePrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void txn(TxnResult result) {
    print(dev.pop.client.txn.TxnJson.toJson(result));
  }

  @Override
  public void increment(String key, IncrementResult result) {
    print(MAPPER.createObjectNode().put("key", key).put("value", result.value()).put("revision", result.revision()));
  }

  @Override
  public void leaseGranted(Lease lease) {
    print(lease(lease));
  }

  @Override
  public void leaseKeptAlive(Lease lease) {
    print(lease(lease));
  }

  @Override
  public void leaseRevoked(long id, LeaseRevoked result) {
    print(MAPPER.createObjectNode().put("id", id).put("deleted", result.deleted()).put("revision", result.revision()));
  }

  @Override
  public void leaseTimeToLive(LeaseTimeToLive ttl) {
    ObjectNode doc = MAPPER.createObjectNode().put("id", ttl.id()).put("ttlMs", ttl.ttl().toMillis())
        .put("remainingMs", ttl.remaining().toMillis());
    ArrayNode keys = doc.putArray("keys");
    for (byte[] key : ttl.keys()) {
      keys.add(Bytes.utf8(key).orElseGet(() -> "base64:" + Bytes.base64(key)));
    }
    print(doc);
  }

  @Override
  public void lockHeld(LockGrant grant) {
    print(MAPPER.createObjectNode().put("name", grant.name()).put("fence", grant.fence()));
  }

  @Override
  public void elected(Leader leader) {
    ObjectNode doc = MAPPER.createObjectNode().put("name", leader.name());
    bytes(doc, "value", leader.value());
    print(doc.put("fence", leader.fence()).put("leaseId", leader.leaseId()));
  }

  private static ObjectNode lease(Lease lease) {
    return MAPPER.createObjectNode().put("id", lease.id()).put("ttlMs", lease.ttl().toMillis());
  }

  private static void bytes(ObjectNode doc, String field, byte[] bytes) {
    Bytes.utf8(bytes)
        .ifPresentOrElse(text -> doc.put(field, text), () -> doc.put(field + "Base64", Bytes.base64(bytes)));
  }

  private void print(ObjectNode doc) {
    try {
      out.println(MAPPER.writeValueAsString(doc));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
