package dev.pop.bench.jmh;

import dev.pop.proto.Command;
import dev.pop.proto.PutRequest;
import dev.pop.proto.Query;
import dev.pop.proto.QueryResult;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.Request;
import dev.pop.server.store.RocksStore;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
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
 * The read path: {@link RocksStore#query} of a range of {@code rangeKeys} consecutive keys (1: a point get) from a
 * store of {@code keys} keys, each written twice (so the MVCC history has more than the current version).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class StoreQueryBenchmark {

  @Param({"1", "100"})
  public int rangeKeys;

  @Param({"10000"})
  public int keys;

  @Param({"256"})
  public int valueSize;

  @Setup(Level.Trial)
  public void fill(TempStore temp) throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    long index = 0;
    for (int round = 0; round < 2; round++) {
      for (int first = 0; first < keys; first += 100) {
        Command.Builder command = Command.newBuilder();
        for (int k = first; k < Math.min(keys, first + 100); k++) {
          command.addRequests(Request.newBuilder().setPut(PutRequest.newBuilder()
              .setKey(BenchData.key(k)).setValue(BenchData.value(random, valueSize))));
        }
        temp.store.apply(1, ++index, BenchData.entry(command.build()));
      }
    }
  }

  @Benchmark
  public QueryResult queryRange(TempStore temp) {
    int first = ThreadLocalRandom.current().nextInt(keys - rangeKeys + 1);
    RangeRequest.Builder range = RangeRequest.newBuilder().setKey(BenchData.key(first));
    if (rangeKeys > 1) {
      range.setRangeEnd(BenchData.key(first + rangeKeys)).setLimit(rangeKeys);
    }
    return temp.store.query(Query.newBuilder().addRequests(Request.newBuilder().setRange(range)).build());
  }
}
