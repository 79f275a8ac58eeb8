package dev.pop.client.log;

import java.nio.charset.StandardCharsets;

/**
 * One entry of a log stream.
 *
 * @param seq its place in the stream, dense from 1
 * @param data what was appended
 * @param timeMs the leader's clock when it was appended (ms since the epoch)
 */
public record LogRecord(long seq, byte[] data, long timeMs) {
  public LogRecord {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The data as UTF-8 text. */
  public String dataUtf8() {
    return new String(data, StandardCharsets.UTF_8);
  }
}
