package dev.pop.server.apply;

import dev.pop.proto.DeleteRangeRequest;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Response;

import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Refuses puts with NO_SPACE once the store's logical size would pass the quota; deletes always pass so an
 * operator can free space (etcd's quotaApplierV3).
 *
 * <p>The cost of a put is its worst case, counted before applying it: the key and value enter the history and
 * the current state ({@code 2 × (key + value)} bytes; overwriting a key frees the old value later, which the
 * estimate ignores). It depends only on replicated state, so every member refuses the same puts.
 */
public final class QuotaApplier implements Applier {
  private final Applier next;
  private final long quotaBytes;
  private final LongSupplier logicalSize;

  public QuotaApplier(Applier next, long quotaBytes, LongSupplier logicalSize) {
    this.next = next;
    this.quotaBytes = quotaBytes;
    this.logicalSize = logicalSize;
  }

  /** Upper bound of the logical bytes a put adds. */
  public static long putCost(PutRequest put) {
    return 2L * (put.getKey().size() + put.getValue().size());
  }

  @Override
  public Response put(PutRequest put) throws IOException {
    long used = logicalSize.getAsLong();
    long cost = putCost(put);
    if (used + cost > quotaBytes) {
      return Errors.response(Errors.of(ErrorCode.NO_SPACE, "put: store quota reached: " + used + " of " + quotaBytes
          + " bytes used (quotaBytes) and this put may add " + cost + "; delete keys or compact history"));
    }
    return next.put(put);
  }

  @Override
  public Response deleteRange(DeleteRangeRequest delete) throws IOException {
    return next.deleteRange(delete);
  }
}
