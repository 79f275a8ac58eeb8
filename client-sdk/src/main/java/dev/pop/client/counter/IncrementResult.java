package dev.pop.client.counter;

import dev.pop.client.kv.Header;

/**
 * Result of an increment.
 *
 * @param value the counter's value after the increment
 * @param revision the revision of the write
 * @param header the reply header
 */
public record IncrementResult(long value, long revision, Header header) {
}
