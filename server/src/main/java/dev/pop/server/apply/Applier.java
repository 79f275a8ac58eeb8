package dev.pop.server.apply;

import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Response;

import java.io.IOException;

/**
 * Applies one write request of a committed Command to the pending state of the current log entry and returns
 * its {@link Response}: the result, or an {@code error} that leaves the state untouched. Cross-cutting rules
 * (quota, later auth) are decorators around the store's applier, as in etcd's
 * "CappedApplier -> Quota -> Backend" chain.
 *
 * <p>Deterministic: the response and the state change depend only on the store state and the request.
 * {@link IOException} means the storage failed, never a bad request.
 */
public interface Applier {

  Response put(PutRequest put) throws IOException;

  Response deleteRange(DeleteRangeRequest delete) throws IOException;
}
