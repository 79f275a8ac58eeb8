package dev.pop.bench.jmh;

import com.google.protobuf.ByteString;
import dev.pop.proto.Command;
import dev.pop.proto.LogEntry;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** The data the micro-benchmarks work on: keys {@code bench/key-%08d}, random values, commands of puts. */
final class BenchData {

  /** The client id of every command: 16 bytes, so the store keeps a session as it does for SDK clients. */
  static final ByteString CLIENT_ID = ByteString.copyFrom(new byte[16]);

  private BenchData() {}

  static ByteString key(int index) {
    return ByteString.copyFrom(String.format("bench/key-%08d", index), StandardCharsets.US_ASCII);
  }

  static ByteString value(SplittableRandom random, int size) {
    byte[] value = new byte[size];
    random.nextBytes(value);
    return ByteString.copyFrom(value);
  }

  /** A command of {@code puts} puts of random keys among {@code keys}, as the SDK batches them. */
  static Command puts(SplittableRandom random, int puts, int keys, int valueSize, long requestId) {
    Command.Builder command = Command.newBuilder().setClientId(CLIENT_ID).setRequestId(requestId)
        .setAckBelow(requestId);
    for (int i = 0; i < puts; i++) {
      command.addRequests(Request.newBuilder().setPut(PutRequest.newBuilder()
          .setKey(key(random.nextInt(keys))).setValue(value(random, valueSize))));
    }
    return command.build();
  }

  static LogEntry entry(Command command) {
    return LogEntry.newBuilder().setLeaderTimeMs(System.currentTimeMillis()).setCommand(command).build();
  }

  static Path tempDir() throws IOException {
    return Files.createTempDirectory("pop-jmh-");
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
