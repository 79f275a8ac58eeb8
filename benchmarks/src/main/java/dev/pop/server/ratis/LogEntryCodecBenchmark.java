package dev.pop.server.ratis;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.pop.proto.Command;
import dev.pop.proto.LogEntry;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Request;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Protobuf encoding on the write path: the client encoding a {@link Command} of {@code batch} puts, the leader
 * wrapping the client's bytes into a {@link LogEntry} ({@link LogEntryCodec#wrap}, package-private: hence this
 * package), and every member decoding the entry before applying it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogEntryCodecBenchmark {

  @Param({"1", "16"})
  public int batch;

  @Param({"256"})
  public int valueSize;

  private Command command;
  private ByteString commandBytes;
  private byte[] entryBytes;

  @Setup
  public void build() {
    SplittableRandom random = new SplittableRandom(3);
    Command.Builder b = Command.newBuilder()
        .setClientId(com.google.protobuf.ByteString.copyFrom(new byte[16])).setRequestId(12345).setAckBelow(12300);
    for (int i = 0; i < batch; i++) {
      byte[] value = new byte[valueSize];
      random.nextBytes(value);
      b.addRequests(Request.newBuilder().setPut(PutRequest.newBuilder()
          .setKey(com.google.protobuf.ByteString.copyFrom(String.format("bench/key-%08d", i),
              StandardCharsets.US_ASCII))
          .setValue(com.google.protobuf.ByteString.copyFrom(value))));
    }
    command = b.build();
    commandBytes = ByteString.copyFrom(command.toByteArray());
    entryBytes = LogEntryCodec.wrap(System.currentTimeMillis(), commandBytes).toByteArray();
  }

  @Benchmark
  public byte[] encodeCommand() {
    return command.toByteArray();
  }

  @Benchmark
  public ByteString wrapLogEntry() {
    return LogEntryCodec.wrap(1_700_000_000_000L, commandBytes);
  }

  @Benchmark
  public LogEntry decodeLogEntry() throws InvalidProtocolBufferException {
    return LogEntry.parseFrom(entryBytes);
  }
}
