package dev.pop.client.saga;

import dev.pop.client.Logs;
import dev.pop.client.log.LogReadResult;
import dev.pop.client.log.StreamInfo;

import java.util.ArrayList;
import java.util.List;

/** Reads sagas' states from their streams (what {@code popctl saga list/show} print). */
public final class SagaReader {
  private SagaReader() {}

  /** The saga as its stream tells it; NOT_FOUND if it never started. */
  public static SagaState state(Logs logs, String sagaId) {
    LogReadResult r = logs.read(SagaLog.stream(sagaId), 1, 10_000);
    List<String> records = new ArrayList<>();
    r.entries().forEach(e -> records.add(e.dataUtf8()));
    return SagaLog.replay(sagaId, records, r.lastSeq());
  }

  /** Every saga's state, in id order (up to 1,000). */
  public static List<SagaState> list(Logs logs) {
    List<SagaState> out = new ArrayList<>();
    for (StreamInfo s : logs.list(SagaLog.PREFIX)) {
      out.add(state(logs, s.stream().substring(SagaLog.PREFIX.length())));
    }
    return out;
  }
}
