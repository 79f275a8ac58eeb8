package dev.pop.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void parsesHostPortListsCommasAndIpv6() {
    assertEquals(List.of(new HostPort("127.0.0.1", 7701), new HostPort("node-2.local", 7702),
            new HostPort("::1", 7703)),
        HostPort.parseAll("endpoints", List.of(" 127.0.0.1:7701,node-2.local:7702 ", "[::1]:7703", "127.0.0.1:7701")));
    assertEquals("[::1]:7703", new HostPort("::1", 7703).address());
  }

  @Test
  void badEndpointsAreRejectedWithAClearMessage() {
    assertBad("localhost", "endpoints: 'localhost' is not host:port (missing :port");
    assertBad("localhost:", "port '' is not a number");
    assertBad("localhost:abc", "port 'abc' is not a number");
    assertBad("localhost:0", "port 0 is outside 1..65535");
    assertBad("localhost:70000", "port 70000 is outside 1..65535");
    assertBad(":7701", "bad host ''");
    assertBad("http://localhost:7701", "drop the scheme");
    assertBad("::1:7701", "IPv6 is written [addr]:port");
    assertBad("[::1]7701", "IPv6 is written [addr]:port");
    assertBad("", "empty endpoint");
    assertBad("a b:1", "bad host 'a b'");
  }

  @Test
  void anEmptyListIsRejected() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> HostPort.parseAll("POP_ENDPOINTS", List.of(",")));
    assertTrue(e.getMessage().startsWith("POP_ENDPOINTS: no endpoint given"), e.getMessage());
  }

  private static void assertBad(String spec, String expected) {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> HostPort.parseAll("endpoints", List.of(spec)), spec);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().startsWith("endpoints: "), e.getMessage());
  }
}
