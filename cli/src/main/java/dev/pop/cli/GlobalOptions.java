package dev.pop.cli;

import dev.pop.cli.output.OutputFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the command name ({@code popctl -o json get k}
 * and {@code popctl get k -o json} are the same). Inherited options are stored here, on the root
 * command, whichever command they were given to.
 */
public final class GlobalOptions {

  static final String DEFAULT_ENDPOINT = "127.0.0.1:7701";

  private final Map<String, String> env;

  @Option(
      names = "--endpoints",
      scope = ScopeType.INHERIT,
      split = ",",
      paramLabel = "HOST:PORT",
      description = "Raft/client addresses, comma-separated. Default: $POP_ENDPOINTS, else "
              + DEFAULT_ENDPOINT + ".")
  private List<String> endpoints;

  @Option(
      names = "--timeout",
      scope = ScopeType.INHERIT,
      defaultValue = "5s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Deadline per command, retries included: 5s, 500ms, 2m or seconds. "
              + "Default: ${DEFAULT-VALUE}.")
  private Duration timeout;

  @Option(
      names = {"-o", "--output"},
      scope = ScopeType.INHERIT,
      defaultValue = "simple",
      paramLabel = "FORMAT",
      description = "Output format: simple, json or table. Default: simple.")
  private OutputFormat output;

  @Option(
      names = "--serializable",
      scope = ScopeType.INHERIT,
      description = "Reads: answer from the contacted member's local state (no quorum needed, "
              + "may be stale) instead of a linearizable read.")
  private boolean serializable;

  GlobalOptions(Map<String, String> env) {
    this.env = env;
  }

  /** The endpoints given, else {@code POP_ENDPOINTS}, else {@value #DEFAULT_ENDPOINT}. */
  public List<String> endpoints() {
    if (endpoints != null && !endpoints.isEmpty()) {
      return clean(endpoints);
    }
    String fromEnv = env.getOrDefault("POP_ENDPOINTS", "");
    List<String> parsed = clean(List.of(fromEnv.split(",")));
    return parsed.isEmpty() ? List.of(DEFAULT_ENDPOINT) : parsed;
  }

  public Duration timeout() {
    return timeout;
  }

  public OutputFormat output() {
    return output;
  }

  public boolean serializable() {
    return serializable;
  }

  private static List<String> clean(List<String> raw) {
    List<String> result = new ArrayList<>();
    for (String s : raw) {
      if (!s.isBlank()) {
        result.add(s.trim());
      }
    }
    return List.copyOf(result);
  }
}
