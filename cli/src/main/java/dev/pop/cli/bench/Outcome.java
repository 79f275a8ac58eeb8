package dev.pop.cli.bench;

/**
 * What a successful request came to, when a workload tells successes apart: a compare-and-put whose compare
 * held (the put was applied) or did not (another client changed the key first; nothing was written). Both are
 * successful requests, counted in {@code ops} and timed.
 */
public enum Outcome {
  COMPARE_SUCCEEDED("compareSucceeded"),
  COMPARE_FAILED("compareFailed");

  private final String jsonName;

  Outcome(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The field of the JSON result that counts it. */
  public String jsonName() {
    return jsonName;
  }
}
