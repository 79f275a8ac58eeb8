package dev.pop.client.internal;

import dev.pop.client.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A {@code host:port} endpoint as the user gave it. */
public record HostPort(String host, int port) {
  public HostPort {
    Objects.requireNonNull(host, "host");
  }

  /**
   * Parses endpoints; each string may hold several separated by commas. Duplicates are dropped, order is kept.
   *
   * @param source what to name in error messages (e.g. {@code endpoints}, {@code POP_ENDPOINTS})
   * @throws InvalidArgumentException if one is malformed or none is given
   */
  public static List<HostPort> parseAll(String source, List<String> specs) {
    if (specs == null) {
      throw new InvalidArgumentException(source + ": no endpoint given; expected host:port, e.g. 127.0.0.1:7701");
    }
    Set<HostPort> out = new LinkedHashSet<>();
    for (String spec : specs) {
      if (spec == null) {
        throw new InvalidArgumentException(source + ": null endpoint; expected host:port, e.g. 127.0.0.1:7701");
      }
      for (String part : spec.split(",", -1)) {
        if (part.isBlank() && spec.contains(",")) {
          continue; // tolerate "a:1,b:2," and "a:1,,b:2"
        }
        out.add(parse(source, part));
      }
    }
    if (out.isEmpty()) {
      throw new InvalidArgumentException(source + ": no endpoint given; expected host:port, e.g. 127.0.0.1:7701");
    }
    return List.copyOf(new ArrayList<>(out));
  }

  /** Parses one {@code host:port} ({@code [v6addr]:port} for IPv6). */
  public static HostPort parse(String source, String spec) {
    String s = spec.trim();
    String bad = source + ": '" + spec + "' is not host:port";
    if (s.isEmpty()) {
      throw new InvalidArgumentException(source + ": empty endpoint; expected host:port, e.g. 127.0.0.1:7701");
    }
    if (s.contains("://")) {
      throw new InvalidArgumentException(bad + " (drop the scheme; e.g. 127.0.0.1:7701)");
    }
    String host;
    String portText;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
        throw new InvalidArgumentException(bad + " (IPv6 is written [addr]:port, e.g. [::1]:7701)");
      }
      host = s.substring(1, close);
      portText = s.substring(close + 2);
    } else {
      int colon = s.lastIndexOf(':');
      if (colon < 0) {
        throw new InvalidArgumentException(bad + " (missing :port; e.g. " + s + ":7701)");
      }
      host = s.substring(0, colon);
      portText = s.substring(colon + 1);
      if (host.contains(":")) {
        throw new InvalidArgumentException(bad + " (IPv6 is written [addr]:port, e.g. [::1]:7701)");
      }
    }
    if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
      throw new InvalidArgumentException(bad + " (bad host '" + host + "')");
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException(bad + " (port '" + portText + "' is not a number)");
    }
    if (port < 1 || port > 65535) {
      throw new InvalidArgumentException(bad + " (port " + port + " is outside 1..65535)");
    }
    return new HostPort(host, port);
  }

  /** The address as Ratis/gRPC expects it. */
  public String address() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  @Override
  public String toString() {
    return address();
  }
}
