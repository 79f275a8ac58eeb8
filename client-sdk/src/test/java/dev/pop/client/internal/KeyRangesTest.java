package dev.pop.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class KeyRangesTest {
  @Test
  void prefixEndIncrementsTheLastByteBelow0xff() {
    assertArrayEquals("ab".getBytes(), KeyRanges.prefixEnd("aa".getBytes()));
    assertArrayEquals(new byte[] {'a', 'b'}, KeyRanges.prefixEnd(new byte[] {'a', 'a', (byte) 0xff}));
    assertArrayEquals(new byte[] {0}, KeyRanges.prefixEnd(new byte[] {(byte) 0xff, (byte) 0xff}));
    assertArrayEquals(new byte[] {0}, KeyRanges.prefixEnd(new byte[0]));
    assertArrayEquals(new byte[] {(byte) 0x80}, KeyRanges.prefixEnd(new byte[] {0x7f}));
  }
}
