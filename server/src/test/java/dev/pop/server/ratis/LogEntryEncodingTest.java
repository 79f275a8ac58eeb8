package dev.pop.server.ratis;

import dev.pop.proto.Command;
import dev.pop.proto.LogEntry;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Request;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The leader builds log entries around the client's bytes; they must equal what protobuf would encode. */
class LogEntryEncodingTest {
  @Test
  void wrappedBytesEqualProtobufEncoding() throws Exception {
    final Random random = new Random(42);
    for (int size : new int[] {0, 1, 127, 128, 16_383, 16_384, 300_000}) {
      final byte[] value = new byte[size];
      random.nextBytes(value);
      final Command cmd = Command.newBuilder().setRequestId(1 + size).addRequests(Request.newBuilder()
          .setPut(PutRequest.newBuilder().setKey(com.google.protobuf.ByteString.copyFromUtf8("k"))
              .setValue(com.google.protobuf.ByteString.copyFrom(value)))).build();
      for (long t : new long[] {0, 1, 1_763_791_000_000L}) {
        final LogEntry expected = LogEntry.newBuilder().setLeaderTimeMs(t).setCommand(cmd).build();
        final ByteString got = LogEntryCodec.wrap(t, ByteString.copyFrom(cmd.toByteArray()));
        assertArrayEquals(expected.toByteArray(), got.toByteArray(), "size " + size + " time " + t);
        assertEquals(expected, LogEntry.parseFrom(got.toByteArray()));
      }
    }
  }
}
