package dev.pop.client.saga;

import dev.pop.client.InvalidArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/**
 * The records of a saga's stream ({@code saga/<id>}), one per transition, as versioned text ({@code v1 KIND
 * [step] [detail]}), and the replay that turns them into a {@link SagaState}. Pure: no I/O.
 */
public final class SagaLog {
  /** Streams of sagas are named {@code saga/<id>}; the lock that guards a saga has the same name. */
  public static final String PREFIX = "saga/";
  private static final String VERSION = "v1";

  /** The kinds of transition. */
  public enum Kind {
    STARTED, STEP_STARTED, STEP_DONE, STEP_FAILED, COMPENSATION_STARTED, COMPENSATED, COMPENSATION_FAILED,
    COMPLETED, ABORTED
  }

  private SagaLog() {}

  public static String stream(String sagaId) {
    if (sagaId == null || sagaId.isEmpty()) {
      throw new InvalidArgumentException("saga: id must not be empty");
    }
    return PREFIX + sagaId;
  }

  public static byte[] started(String definition, byte[] input) {
    return text(VERSION + " " + Kind.STARTED + " " + definition + " " + Base64.getEncoder().encodeToString(input));
  }

  public static byte[] step(Kind kind, int step, String detail) {
    String d = detail == null ? "" : " " + detail.replace('\n', ' ');
    return text(VERSION + " " + kind + " " + step + d);
  }

  public static byte[] end(Kind kind) {
    return text(VERSION + " " + kind);
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Replays {@code records} (the stream from seq 1; {@code lastSeq} its last seq). */
  public static SagaState replay(String sagaId, List<String> records, long lastSeq) {
    SagaState.Status status = SagaState.Status.NEW;
    String definition = "";
    byte[] input = new byte[0];
    int done = 0;
    TreeSet<Integer> started = new TreeSet<>();
    TreeSet<Integer> compensated = new TreeSet<>();
    for (String record : records) {
      String[] f = record.split(" ", 4);
      if (f.length < 2 || !VERSION.equals(f[0])) {
        throw new IllegalStateException("saga " + sagaId + ": unreadable record '" + record + "' (newer SDK?)");
      }
      Kind kind = Kind.valueOf(f[1]);
      int step = f.length > 2 && kind != Kind.STARTED ? Integer.parseInt(f[2]) : -1;
      switch (kind) {
        case STARTED -> {
          status = SagaState.Status.RUNNING;
          definition = f.length > 2 ? f[2] : "";
          input = f.length > 3 ? Base64.getDecoder().decode(f[3]) : new byte[0];
        }
        case STEP_STARTED -> started.add(step);
        case STEP_DONE -> done = Math.max(done, step + 1);
        case STEP_FAILED, COMPENSATION_STARTED, COMPENSATION_FAILED -> status = SagaState.Status.COMPENSATING;
        case COMPENSATED -> {
          status = SagaState.Status.COMPENSATING;
          compensated.add(step);
        }
        case COMPLETED -> status = SagaState.Status.COMPLETED;
        case ABORTED -> status = SagaState.Status.ABORTED;
        default -> throw new IllegalStateException("unknown kind " + kind);
      }
    }
    return new SagaState(sagaId, status, definition, input, done, new ArrayList<>(started),
        new ArrayList<>(compensated), lastSeq, records);
  }
}
