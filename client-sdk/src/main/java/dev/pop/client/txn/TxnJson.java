package dev.pop.client.txn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.counter.Bounds;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The txn body of SPEC section 6, as {@code popctl txn} reads it from stdin and {@code POST /v1/txn} from the
 * request body:
 *
 * <pre>
 * {"compare":[{"key":K,"target":"value|version|createRevision|modRevision|lease|exists","op":"=|!=|&lt;|&gt;","value":V},
 *             {"lockHeld":{"name":N,"fence":F}}],
 *  "success":[{"put":{"key":K,"value":V,"lease":L}}, {"delete":{"key":K,"prefix":false}}, {"get":{"key":K,"prefix":false}},
 *             {"increment":{"key":K,"delta":D,"min":A,"max":B}}],
 *  "failure":[...]}
 * </pre>
 *
 * Strict: unknown fields, wrong types and missing required fields are {@link InvalidArgumentException} naming the field by
 * its path, e.g. {@code txn: compare[1].op: "=>" is not one of =, !=, <, >}. A value compare takes a string; a
 * numeric one an integer; {@code exists} a boolean ({@code "value":false} means absent).
 */
public final class TxnJson {
  /** The parsed txn. */
  public record Parsed(List<Cmp> compares, List<Op> success, List<Op> failure) {
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TxnJson() {
  }

  /** Parses a txn body; {@code source} names where it came from in messages ("stdin", "the request body"). */
  public static Parsed parse(String text, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw bad(source + " is not valid JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw bad(source + " is empty; expected a JSON object with compare, success and failure");
    }
    if (!root.isObject()) {
      throw bad("the body must be a JSON object with compare, success and failure, not " + kind(root));
    }
    onlyFields(root, "", Set.of("compare", "success", "failure"));
    List<Cmp> compares = new ArrayList<>();
    JsonNode cs = array(root, "compare");
    for (int i = 0; i < cs.size(); i++) {
      compares.add(compare(cs.get(i), "compare[" + i + "]"));
    }
    return new Parsed(compares, ops(root, "success"), ops(root, "failure"));
  }

  private static Cmp compare(JsonNode c, String path) {
    object(c, path);
    try {
      if (c.has("lockHeld")) {
        onlyFields(c, path, Set.of("lockHeld"));
        JsonNode l = object(c.get("lockHeld"), path + ".lockHeld");
        onlyFields(l, path + ".lockHeld", Set.of("name", "fence"));
        return Cmp.lockHeld(text(l, "name", path + ".lockHeld"), integer(l, "fence", path + ".lockHeld", true));
      }
      onlyFields(c, path, Set.of("key", "target", "op", "value"));
      String key = text(c, "key", path);
      String target = text(c, "target", path);
      Cmp.Operator op = operator(text(c, "op", path), path + ".op");
      return switch (target) {
        case "value" -> Cmp.value(key).is(op, text(c, "value", path));
        case "version" -> Cmp.version(key).is(op, integer(c, "value", path, true));
        case "createRevision" -> Cmp.createRevision(key).is(op, integer(c, "value", path, true));
        case "modRevision" -> Cmp.modRevision(key).is(op, integer(c, "value", path, true));
        case "lease" -> Cmp.lease(key).is(op, integer(c, "value", path, true));
        case "exists" -> exists(key, op, bool(c, "value", path, true), path);
        default -> throw bad(path + ".target: \"" + target + "\" is not one of value, version, createRevision, "
            + "modRevision, lease, exists (or use {\"lockHeld\":{\"name\":N,\"fence\":F}})");
      };
    } catch (Bad e) {
      throw e;
    } catch (InvalidArgumentException e) {
      throw bad(path + ": " + e.getMessage().replaceFirst("^txn: ", ""));
    }
  }

  private static Cmp exists(String key, Cmp.Operator op, boolean value, String path) {
    if (op != Cmp.Operator.EQUAL && op != Cmp.Operator.NOT_EQUAL) {
      throw bad(path + ".op: target exists takes = or !=, not " + op.symbol());
    }
    boolean mustExist = value == (op == Cmp.Operator.EQUAL);
    return mustExist ? Cmp.exists(key) : Cmp.absent(key);
  }

  private static Cmp.Operator operator(String symbol, String path) {
    for (Cmp.Operator op : Cmp.Operator.values()) {
      if (op.symbol().equals(symbol)) {
        return op;
      }
    }
    throw bad(path + ": \"" + symbol + "\" is not one of =, !=, <, >");
  }

  private static List<Op> ops(JsonNode root, String branch) {
    JsonNode list = array(root, branch);
    List<Op> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String path = branch + "[" + i + "]";
      JsonNode item = object(list.get(i), path);
      if (item.size() != 1) {
        throw bad(path + ": must hold exactly one of put, delete, get, increment, not " + fieldNames(item));
      }
      String name = item.fieldNames().next();
      JsonNode body = object(item.get(name), path + "." + name);
      String p = path + "." + name;
      try {
        out.add(switch (name) {
          case "put" -> {
            onlyFields(body, p, Set.of("key", "value", "lease"));
            yield Op.put(text(body, "key", p), text(body, "value", p), integer(body, "lease", p, false));
          }
          case "delete" -> {
            onlyFields(body, p, Set.of("key", "prefix"));
            yield Op.delete(text(body, "key", p), bool(body, "prefix", p, false));
          }
          case "get" -> {
            onlyFields(body, p, Set.of("key", "prefix"));
            yield Op.get(text(body, "key", p), bool(body, "prefix", p, false));
          }
          case "increment" -> {
            onlyFields(body, p, Set.of("key", "delta", "min", "max"));
            Long min = body.has("min") ? integer(body, "min", p, true) : null;
            Long max = body.has("max") ? integer(body, "max", p, true) : null;
            yield Op.increment(text(body, "key", p), integer(body, "delta", p, true), new Bounds(min, max));
          }
          default -> throw bad(path + ": \"" + name + "\" is not one of put, delete, get, increment");
        });
      } catch (Bad e) {
        throw e;
      } catch (InvalidArgumentException e) {
        throw bad(p + ": " + e.getMessage().replaceFirst("^(txn|increment): ", ""));
      }
    }
    return out;
  }

  private static JsonNode array(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return MAPPER.createArrayNode();
    }
    if (!n.isArray()) {
      throw bad(field + ": must be an array, not " + kind(n));
    }
    return n;
  }

  private static JsonNode object(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      throw bad(path + ": must be an object, not " + kind(n));
    }
    return n;
  }

  private static String text(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null) {
      throw bad(path + "." + field + ": is required");
    }
    if (!n.isTextual()) {
      throw bad(path + "." + field + ": must be a string, not " + kind(n));
    }
    return n.asText();
  }

  private static long integer(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = parent.get(field);
    if (n == null) {
      if (required) {
        throw bad(path + "." + field + ": is required");
      }
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw bad(path + "." + field + ": must be a 64-bit integer, not " + kind(n) + " " + n);
    }
    return n.asLong();
  }

  private static boolean bool(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = parent.get(field);
    if (n == null) {
      if (required) {
        throw bad(path + "." + field + ": is required");
      }
      return false;
    }
    if (!n.isBoolean()) {
      throw bad(path + "." + field + ": must be true or false, not " + kind(n));
    }
    return n.asBoolean();
  }

  private static void onlyFields(JsonNode n, String path, Set<String> allowed) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw bad((path.isEmpty() ? "" : path + ".") + f + ": unknown field (expected one of "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private static String fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names.isEmpty() ? "nothing" : String.join(", ", names);
  }

  private static String kind(JsonNode n) {
    if (n == null) {
      return "nothing";
    }
    JsonNodeType t = n.getNodeType();
    return switch (t) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> t.name().toLowerCase();
    };
  }

  /**
   * A txn's result as JSON: {@code {"succeeded","revision","results":[{"put":{"revision"}}, {"delete":{"deleted",
   * "revision"}}, {"get":{"kvs":[...],"count","more"}}, {"increment":{"value","revision"}}]}}; keys and values
   * that are not UTF-8 text appear as {@code keyBase64}/{@code valueBase64}.
   */
  public static com.fasterxml.jackson.databind.node.ObjectNode toJson(TxnResult result) {
    var doc = MAPPER.createObjectNode().put("succeeded", result.succeeded()).put("revision", result.revision());
    var results = doc.putArray("results");
    for (OpResult r : result.results()) {
      var item = results.addObject();
      if (r instanceof OpResult.Put p) {
        item.putObject("put").put("revision", p.revision());
      } else if (r instanceof OpResult.Delete d) {
        item.putObject("delete").put("deleted", d.deleted()).put("revision", d.revision());
      } else if (r instanceof OpResult.Get g) {
        var get = item.putObject("get");
        var kvs = get.putArray("kvs");
        for (dev.pop.client.kv.KeyValue kv : g.kvs()) {
          var k = kvs.addObject();
          bytes(k, "key", kv.key());
          bytes(k, "value", kv.value());
          k.put("createRevision", kv.createRevision()).put("modRevision", kv.modRevision())
              .put("version", kv.version()).put("lease", kv.lease());
        }
        get.put("count", g.count()).put("more", g.more());
      } else if (r instanceof OpResult.Increment i) {
        item.putObject("increment").put("value", i.value()).put("revision", i.revision());
      }
    }
    return doc;
  }

  private static void bytes(com.fasterxml.jackson.databind.node.ObjectNode doc, String field, byte[] bytes) {
    try {
      doc.put(field, java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
    } catch (java.nio.charset.CharacterCodingException e) {
      doc.put(field + "Base64", java.util.Base64.getEncoder().encodeToString(bytes));
    }
  }

  private static Bad bad(String message) {
    return new Bad("txn: " + message);
  }

  /** A problem this parser found (as opposed to one the SDK's builders report, which gets a path prefix). */
  private static final class Bad extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    Bad(String message) {
      super(message);
    }
  }
}
