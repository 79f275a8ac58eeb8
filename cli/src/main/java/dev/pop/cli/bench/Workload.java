package dev.pop.cli.bench;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code popctl bench} workloads implemented so far. */
public enum Workload {
  /** A put of a random key among {@code --keys}, with a random value of {@code --value-size} bytes. */
  PUT("put", false),
  /** A linearizable get (Raft ReadIndex) of a random key; the keys are written before the run. */
  GET("get", true),
  /** A serializable get (the contacted member's local state) of a random key; keys written before the run. */
  GET_SERIALIZABLE("get-serializable", true);

  private final String cliName;
  private final boolean needsData;

  Workload(String cliName, boolean needsData) {
    this.cliName = cliName;
    this.needsData = needsData;
  }

  /** The name on the command line and in the JSON result ({@code "workload"}). */
  public String cliName() {
    return cliName;
  }

  /** Whether the keys must exist before the measurement starts. */
  public boolean needsData() {
    return needsData;
  }

  /** The workload called {@code name} on the command line, if any. */
  public static Optional<Workload> byName(String name) {
    return Arrays.stream(values()).filter(w -> w.cliName.equals(name)).findFirst();
  }

  /** {@code put, get, get-serializable}, for messages. */
  public static String names() {
    return Arrays.stream(values()).map(Workload::cliName).collect(Collectors.joining(", "));
  }
}
