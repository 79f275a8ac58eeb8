package dev.pop.jepsen.workload;

import dev.pop.client.kv.Header;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an acknowledged operation returned.
 *
 * @param result the operation's output (JSON-shaped): the value read, the elements of a set, ...
 * @param extra  fields to record with the completion, e.g. the revision and the member that answered
 */
public record OpResult(Object result, Map<String, Object> extra) {
    public OpResult {
        extra = extra == null ? Map.of() : extra;
    }

    /** A result with the reply header's revision, answering member and term, which help explain anomalies. */
    public static OpResult of(Object result, Header header) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (header != null) {
            extra.put("rev", header.revision());
            extra.put("member", header.memberId());
            extra.put("term", header.raftTerm());
        }
        return new OpResult(result, extra);
    }
}
