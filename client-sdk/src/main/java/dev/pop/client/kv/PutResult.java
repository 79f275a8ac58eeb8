package dev.pop.client.kv;

/**
 * Result of a put.
 *
 * @param revision revision of this put
 * @param prevKv the previous key-value, or {@code null} unless requested with {@link PutOptions#prevKv()} and the
 *     key existed
 * @param header the reply header
 */
public record PutResult(long revision, KeyValue prevKv, Header header) {
}
