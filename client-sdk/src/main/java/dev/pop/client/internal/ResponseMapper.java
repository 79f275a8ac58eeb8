package dev.pop.client.internal;

import dev.pop.proto.Response;
import dev.pop.proto.ResponseHeader;

/** Turns one successful per-request {@link Response} into the caller's result type. */
@FunctionalInterface
public interface ResponseMapper<R> {
  R map(Response response, ResponseHeader header);
}
