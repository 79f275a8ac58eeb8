package dev.pop.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.javalin.http.Context;

/**
 * A JSON object request body, read field by field: a body that is not JSON, not an object, or has a field of the
 * wrong type is refused with INVALID_ARGUMENT naming the field.
 */
final class JsonBody {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String op;
  private final JsonNode root;

  private JsonBody(String op, JsonNode root) {
    this.op = op;
    this.root = root;
  }

  static JsonBody of(Context ctx, String op) {
    final String text = ctx.body();
    if (text.isBlank()) {
      throw ApiException.invalid(op + ": the request body is empty; expected a JSON object");
    }
    final JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiException.invalid(op + ": the request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw ApiException.invalid(op + ": the request body must be a JSON object, got " + type(root));
    }
    return new JsonBody(op, root);
  }

  /** True if the body has {@code field} with a non-null value. */
  boolean has(String field) {
    final JsonNode n = root.get(field);
    return n != null && !n.isNull();
  }

  String requiredString(String field) {
    final String v = optionalString(field);
    if (v == null || v.isBlank()) {
      throw ApiException.invalid(op + ": field '" + field + "' is required (a string)");
    }
    return v;
  }

  String optionalString(String field) {
    final JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ApiException.invalid(op + ": field '" + field + "' must be a string, got " + type(n));
    }
    return n.textValue();
  }

  long requiredLong(String field) {
    final JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      throw ApiException.invalid(op + ": field '" + field + "' is required (an integer)");
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw ApiException.invalid(op + ": field '" + field + "' must be an integer, got " + type(n));
    }
    return n.longValue();
  }

  private static String type(JsonNode n) {
    if (n == null || n.getNodeType() == JsonNodeType.MISSING) {
      return "nothing";
    }
    return switch (n.getNodeType()) {
      case NUMBER -> "a number (" + n.asText() + ")";
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> n.getNodeType().name().toLowerCase();
    };
  }
}
