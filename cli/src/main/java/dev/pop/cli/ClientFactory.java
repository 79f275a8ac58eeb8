package dev.pop.cli;

import dev.pop.client.PopClient;
import java.time.Duration;
import java.util.List;

/** Opens the SDK client a command uses; tests substitute fakes. */
@FunctionalInterface
public interface ClientFactory {

  /** The real SDK client. */
  ClientFactory SDK =
      (endpoints, timeout) -> PopClient.builder().endpoints(endpoints).timeout(timeout).build();

  /**
   * @throws dev.pop.client.InvalidArgumentException if an endpoint is not {@code host:port}
   */
  PopClient connect(List<String> endpoints, Duration timeout);
}
