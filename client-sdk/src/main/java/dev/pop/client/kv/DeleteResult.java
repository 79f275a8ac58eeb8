package dev.pop.client.kv;

import java.util.List;

/**
 * Result of a delete.
 *
 * @param deleted number of keys deleted
 * @param prevKvs the deleted key-values if requested with {@link DeleteOptions#prevKv()}, else empty
 * @param revision revision of this delete (the unchanged store revision if nothing was deleted)
 * @param header the reply header
 */
public record DeleteResult(long deleted, List<KeyValue> prevKvs, long revision, Header header) {
  public DeleteResult {
    prevKvs = List.copyOf(prevKvs);
  }
}
