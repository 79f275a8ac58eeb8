package dev.pop.client.internal;

import dev.pop.proto.Response;
import dev.pop.proto.ResponseHeader;
import java.util.List;

/** A decoded {@code CommandResult} or {@code QueryResult}: one response per request, same order. */
public record BatchReply(ResponseHeader header, List<Response> responses) {
}
