package dev.pop.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pop.client.ClusterStatus;
import dev.pop.client.MemberStatus;
import dev.pop.client.kv.DeleteResult;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.Header;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.kv.PutResult;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * The JSON documents of SPEC section 5, one per line. Keys and values are UTF-8 text under
 * {@code "key"}/{@code "value"}, or base64 under {@code "keyBase64"}/{@code "valueBase64"} when
 * they are not valid UTF-8.
 */
public final class JsonPrinter implements Printer {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final PrintStream out;

  public JsonPrinter(PrintStream out) {
    this.out = out;
  }

  /** {@code {"revision":N}} */
  @Override
  public void put(PutResult result) {
    print(MAPPER.createObjectNode().put("revision", result.revision()));
  }

  /**
   * One {@code {"key":..,"value":..,"createRevision":..,"modRevision":..,"version":..,
   * "lease":..,"revision":..}} per key-value, {@code revision} being the one the read reflects.
   */
  @Override
  public void get(GetResult result) {
    long revision = revision(result.header());
    for (KeyValue kv : result.kvs()) {
      ObjectNode doc = MAPPER.createObjectNode();
      bytes(doc, "key", kv.key());
      bytes(doc, "value", kv.value());
      doc.put("createRevision", kv.createRevision())
          .put("modRevision", kv.modRevision())
          .put("version", kv.version())
          .put("lease", kv.lease())
          .put("revision", revision);
      print(doc);
    }
  }

  /** {@code {"deleted":N,"revision":R}} */
  @Override
  public void delete(DeleteResult result) {
    print(MAPPER.createObjectNode().put("deleted", result.deleted()).put("revision", result.revision()));
  }

  /** {@code {"leader":"n1"|null,"members":[{"id","address","role","term","commitIndex",...}]}} */
  @Override
  public void status(ClusterStatus status) {
    ObjectNode doc = MAPPER.createObjectNode().put("leader", status.leaderId());
    ArrayNode members = doc.putArray("members");
    for (MemberStatus m : status.members()) {
      members
          .addObject()
          .put("id", m.id())
          .put("address", m.address())
          .put("role", m.role() == null ? null : m.role().name())
          .put("term", m.term())
          .put("commitIndex", m.commitIndex())
          .put("appliedIndex", m.appliedIndex())
          .put("revision", m.revision());
    }
    print(doc);
  }

  private static void bytes(ObjectNode doc, String field, byte[] bytes) {
    Bytes.utf8(bytes)
        .ifPresentOrElse(
            text -> doc.put(field, text), () -> doc.put(field + "Base64", Bytes.base64(bytes)));
  }

  static long revision(Header header) {
    return header == null ? 0 : header.revision();
  }

  private void print(ObjectNode doc) {
    try {
      out.println(MAPPER.writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
