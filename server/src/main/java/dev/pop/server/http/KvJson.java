package dev.pop.server.http;

import dev.pop.client.kv.KeyValue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Key-values as JSON, exactly as {@code popctl get -o json} prints them: {@code key}/{@code value} as UTF-8 text, or
 * {@code keyBase64}/{@code valueBase64} when not valid UTF-8, then the key's revisions and the read's revision.
 */
final class KvJson {
  private KvJson() {
  }

  static Map<String, Object> of(KeyValue kv, long revision) {
    final Map<String, Object> doc = new LinkedHashMap<>();
    bytes(doc, "key", kv.key());
    bytes(doc, "value", kv.value());
    doc.put("createRevision", kv.createRevision());
    doc.put("modRevision", kv.modRevision());
    doc.put("version", kv.version());
    doc.put("lease", kv.lease());
    doc.put("revision", revision);
    return doc;
  }

  private static void bytes(Map<String, Object> doc, String field, byte[] bytes) {
    try {
      doc.put(field, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      doc.put(field + "Base64", Base64.getEncoder().encodeToString(bytes));
    }
  }
}
