package dev.pop.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.ErrorCode;
import java.io.IOException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.junit.jupiter.api.Test;

class ErrorMarkerTest {
  @Test
  void parsesTheCodeAndTheOneLineMessageAfterTheMarker() {
    ErrorMarker m = ErrorMarker.parse(
        "org.apache.ratis.protocol.exceptions.StateMachineException: n1@group-B0B0: "
            + "[POP:INVALID_ARGUMENT] put: key is 5000 bytes; the limit is 4096\n\tat x.y(Z.java:1)").orElseThrow();
    assertEquals(ErrorCode.INVALID_ARGUMENT, m.code());
    assertEquals("put: key is 5000 bytes; the limit is 4096", m.message());
  }

  @Test
  void everyCodeRoundTrips() {
    for (ErrorCode c : ErrorCode.values()) {
      assertEquals(c, ErrorMarker.parse("[POP:" + c.name() + "] m").orElseThrow().code());
    }
  }

  @Test
  void unknownCodeIsInternalAndNoMarkerIsEmpty() {
    assertEquals(ErrorCode.INTERNAL, ErrorMarker.parse("[POP:SOMETHING_NEW] x").orElseThrow().code());
    assertTrue(ErrorMarker.parse("StateMachineException: disk full").isEmpty());
    assertTrue(ErrorMarker.parse(null).isEmpty());
    assertTrue(ErrorMarker.parse("[POP:] x").isEmpty());
  }

  @Test
  void emptyMessageAfterMarker() {
    assertEquals("", ErrorMarker.parse("[POP:NO_SPACE]").orElseThrow().message());
  }

  @Test
  void findsTheMarkerInACause() {
    Exception e = new IOException("wrapped", new StateMachineException("[POP:NO_SPACE] quota of 2 GiB reached"));
    ErrorMarker m = ErrorMarker.find(e).orElseThrow();
    assertEquals(ErrorCode.NO_SPACE, m.code());
    assertEquals("quota of 2 GiB reached", m.message());
  }
}
