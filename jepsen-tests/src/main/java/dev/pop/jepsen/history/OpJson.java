package dev.pop.jepsen.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The JSON form of one {@link Op}, one line of {@code history.jsonl}:
 * <pre>{"index":7,"process":2,"type":"ok","f":"write","key":"k1","value":"4","invokeNanos":120,"completeNanos":480}</pre>
 * Absent fields are null ({@code value}, {@code result}, {@code error}), empty ({@code extra}) or, for
 * {@code completeNanos} of an INVOKE, "never completed".
 */
public final class OpJson {
    /** Shared mapper: integers read as Long so round trips preserve {@link Op#equals}. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private OpJson() {
    }

    public static ObjectNode toNode(Op op) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("index", op.index());
        n.put("process", op.process());
        n.put("type", op.type().jsonName());
        n.put("f", op.f());
        if (op.key() != null) {
            n.put("key", op.key());
        }
        if (op.value() != null) {
            n.set("value", MAPPER.valueToTree(op.value()));
        }
        if (op.result() != null) {
            n.set("result", MAPPER.valueToTree(op.result()));
        }
        n.put("invokeNanos", op.invokeNanos());
        if (op.completeNanos() != Op.NOT_COMPLETED) {
            n.put("completeNanos", op.completeNanos());
        }
        if (op.error() != null) {
            n.put("error", op.error());
        }
        if (!op.extra().isEmpty()) {
            n.set("extra", MAPPER.valueToTree(op.extra()));
        }
        return n;
    }

    public static String toLine(Op op) {
        try {
            return MAPPER.writeValueAsString(toNode(op));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize op " + op.index(), e);
        }
    }

    public static Op fromNode(JsonNode n) {
        OpType type = OpType.fromJson(required(n, "type").asText());
        return new Op(required(n, "index").asLong(), required(n, "process").asInt(), type, required(n, "f").asText(),
                text(n, "key"), plain(n.get("value")), plain(n.get("result")), required(n, "invokeNanos").asLong(),
                n.hasNonNull("completeNanos") ? n.get("completeNanos").asLong() : Op.NOT_COMPLETED, text(n, "error"),
                asMap(n.get("extra")));
    }

    public static Op fromLine(String line) {
        try {
            return fromNode(MAPPER.readTree(line));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON op: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("op is missing \"" + field + "\": " + n);
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Object plain(JsonNode v) {
        return v == null || v.isNull() ? null : MAPPER.convertValue(v, Object.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(JsonNode v) {
        return v == null || v.isNull() ? Map.of() : MAPPER.convertValue(v, Map.class);
    }
}
