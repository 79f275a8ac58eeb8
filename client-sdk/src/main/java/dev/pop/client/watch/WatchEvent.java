package dev.pop.client.watch;

import dev.pop.client.kv.KeyValue;

/**
 * One change seen by a watch.
 *
 * @param type PUT or DELETE
 * @param kv the key's new version; for a DELETE only the key and {@code modRevision} (the deletion's revision)
 * @param prevKv the version before the change, if the watch asked for it and it was live and not compacted; else null
 */
public record WatchEvent(Type type, KeyValue kv, KeyValue prevKv) {
  /** What happened to the key. */
  public enum Type {
    PUT,
    DELETE
  }

  /** The revision of the change. */
  public long revision() {
    return kv.modRevision();
  }
}
