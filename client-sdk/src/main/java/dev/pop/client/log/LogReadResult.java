package dev.pop.client.log;

import dev.pop.client.kv.Header;

import java.util.List;

/**
 * Entries read from a stream.
 *
 * @param entries in seq order, possibly fewer than asked (limit, or the end of the stream)
 * @param firstSeq the first seq still kept (1 + the last trimmed one)
 * @param lastSeq the stream's last seq (0 if nothing was appended yet)
 */
public record LogReadResult(List<LogRecord> entries, long firstSeq, long lastSeq, Header header) {
  public LogReadResult {
    entries = List.copyOf(entries);
  }

  /** The seq to read from next. */
  public long nextSeq(long fromSeq) {
    return entries.isEmpty() ? Math.max(fromSeq, firstSeq) : entries.get(entries.size() - 1).seq() + 1;
  }
}
