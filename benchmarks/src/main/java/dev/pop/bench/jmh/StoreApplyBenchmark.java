package dev.pop.bench.jmh;

import dev.pop.proto.Command;
import dev.pop.proto.CommandResult;
import dev.pop.proto.LogEntry;
import dev.pop.server.store.RocksStore;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store's apply path: {@link RocksStore#apply} of one log entry carrying a batch of puts (session bookkeeping,
 * MVCC records, the applied index and the RocksDB write batch), as each member runs it for every committed entry.
 * The entries are built before the measurement (a ring of 256 with random keys), only the request id changes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class StoreApplyBenchmark {

  private static final int RING = 256;

  /** Puts per log entry: 1 is an unbatched client, 16 what the SDK's coalescing carries under load. */
  @Param({"1", "16"})
  public int batch;

  @Param({"256"})
  public int valueSize;

  @Param({"10000"})
  public int keys;

  private Command[] commands;
  private long index;
  private long requestId;

  @Setup(Level.Trial)
  public void build() {
    SplittableRandom random = new SplittableRandom(42);
    commands = new Command[RING];
    for (int i = 0; i < RING; i++) {
      commands[i] = BenchData.puts(random, batch, keys, valueSize, 1);
    }
  }

  @Benchmark
  public CommandResult applyBatchOfPuts(TempStore temp) throws IOException {
    long id = ++requestId;
    Command command = commands[(int) (id % RING)].toBuilder().setRequestId(id).setAckBelow(id).build();
    LogEntry entry = BenchData.entry(command);
    return temp.store.apply(1, ++index, entry);
  }
}
