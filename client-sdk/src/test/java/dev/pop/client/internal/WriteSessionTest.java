package dev.pop.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WriteSessionTest {
  @Test
  void ackBelowIsTheOldestBatchStillOpen() {
    WriteSession s = new WriteSession(new byte[16]);
    WriteSession.Ticket a = s.begin();
    WriteSession.Ticket b = s.begin();
    WriteSession.Ticket c = s.begin();
    assertEquals(1, a.requestId());
    assertEquals(1, c.ackBelow());
    s.end(b.requestId());
    assertEquals(1, s.ackBelow(), "1 still open");
    s.end(a.requestId());
    assertEquals(3, s.ackBelow());
    assertEquals(3, s.begin().ackBelow());
    s.end(c.requestId());
    s.end(4);
    assertEquals(5, s.ackBelow(), "nothing open: everything below the next id is done");
  }
}
