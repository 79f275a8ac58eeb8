package dev.pop.client;

import dev.pop.client.kv.DeleteOptions;
import dev.pop.client.kv.DeleteResult;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.kv.PutResult;
import java.util.concurrent.CompletableFuture;

/**
 * The key-value store. Thread-safe; calls made concurrently are coalesced into few Raft log entries (writes) or
 * few read batches, which is what makes many small concurrent calls cheap. Concurrent calls have no order among
 * themselves; a call made after another one completed is ordered after it.
 *
 * <p><b>Failures.</b> Blocking methods throw, and futures of the async methods complete exceptionally with, a
 * {@link PopException} subclass:
 * <ul>
 *   <li>{@link UnavailableException}: no quorum or no leader was reachable before the deadline
 *       ({@link PopClient.Builder#timeout}); the call was <b>not</b> applied and may be retried.</li>
 *   <li>{@link UnknownOutcomeException} (writes only): the deadline passed after the write had been sent. It may or
 *       may not have been applied — like any network call (compare OkHttp's {@code Call.execute}). Within its
 *       deadline the SDK retries a write safely: every retry carries the same request id, and the cluster applies a
 *       request id at most once.</li>
 *   <li>{@link InvalidArgumentException}, {@link NoSpaceException}, {@link ConflictException},
 *       {@link CompactedException}, {@link NotFoundException}: refused; nothing was applied; never retried.</li>
 * </ul>
 * Async callbacks run on the SDK's callback threads: do not block in them.
 */
public interface Kv {
  /** Puts a UTF-8 key and value. See {@link #put(byte[], byte[], PutOptions)}. */
  PutResult put(String key, String value);

  /**
   * Puts {@code value} under {@code key}; acknowledged once a majority has made it durable.
   *
   * @throws PopException see the class comment
   */
  PutResult put(byte[] key, byte[] value, PutOptions options);

  /** Gets a UTF-8 key, linearizably. See {@link #get(byte[], GetOptions)}. */
  GetResult get(String key);

  /**
   * Reads a key, a prefix or a range. Linearizable unless {@link GetOptions#consistency()} says
   * {@link Consistency#SERIALIZABLE}. A missing key is not an error: the result is empty.
   *
   * @throws PopException see the class comment
   */
  GetResult get(byte[] key, GetOptions options);

  /** Deletes a UTF-8 key. See {@link #delete(byte[], DeleteOptions)}. */
  DeleteResult delete(String key);

  /**
   * Deletes a key or every key with a prefix. Deleting a missing key is not an error: {@code deleted} is 0.
   *
   * @throws PopException see the class comment
   */
  DeleteResult delete(byte[] key, DeleteOptions options);

  /**
   * Compacts the history at {@code revision}: reads and watches of older revisions then fail with COMPACTED.
   * Returns the new compaction revision. The leader also compacts on its own, keeping the last 100,000 revisions.
   */
  long compact(long revision);

  /** Async twin of {@link #put(byte[], byte[], PutOptions)}. */
  CompletableFuture<PutResult> putAsync(byte[] key, byte[] value, PutOptions options);

  /** Async twin of {@link #get(byte[], GetOptions)}. */
  CompletableFuture<GetResult> getAsync(byte[] key, GetOptions options);

  /** Async twin of {@link #delete(byte[], DeleteOptions)}. */
  CompletableFuture<DeleteResult> deleteAsync(byte[] key, DeleteOptions options);
}
