package dev.pop.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeaseDeadlineTest {
  @Test
  void movesOnlyForwardAndCountsFromTheSendTime() {
    LeaseDeadline d = new LeaseDeadline(1_000, 3_000);
    assertEquals(4_000, d.deadlineNanos());
    d.acknowledged(2_000, 3_000);
    assertEquals(5_000, d.deadlineNanos());
    d.acknowledged(1_500, 3_000);
    assertEquals(5_000, d.deadlineNanos(), "an older keepalive's late acknowledgement changes nothing");
    d.acknowledged(2_500, 1_000);
    assertEquals(5_000, d.deadlineNanos(), "a shorter TTL never pulls the deadline back");
    assertFalse(d.passed(4_999));
    assertTrue(d.passed(5_000));
    assertEquals(1, d.remainingNanos(4_999));
    assertEquals(0, d.remainingNanos(6_000));
  }

  @Test
  void worksAcrossTheSignOfNanoTime() {
    LeaseDeadline d = new LeaseDeadline(Long.MAX_VALUE - 10, 100);
    assertFalse(d.passed(Long.MAX_VALUE), "the deadline wrapped past Long.MAX_VALUE");
    assertTrue(d.passed(Long.MIN_VALUE + 89));
  }
}
