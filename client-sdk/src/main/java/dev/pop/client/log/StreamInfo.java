package dev.pop.client.log;

/** A stream's name, first kept seq and last seq (0: empty). */
public record StreamInfo(String stream, long firstSeq, long lastSeq) {
}
