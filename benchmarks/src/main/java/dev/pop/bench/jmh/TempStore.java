package dev.pop.bench.jmh;

import dev.pop.server.apply.Limits;
import dev.pop.server.store.RocksStore;
import java.io.IOException;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A fresh {@link RocksStore} in a temporary directory for each trial, deleted after it. */
@State(Scope.Benchmark)
public class TempStore {

  Path dir;
  RocksStore store;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = BenchData.tempDir();
    store = RocksStore.open(dir, Limits.DEFAULT);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    BenchData.delete(dir);
  }
}
