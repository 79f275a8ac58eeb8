package dev.pop.cli.bench;

import dev.pop.client.Kv;
import dev.pop.client.kv.DeleteOptions;
import dev.pop.client.kv.DeleteResult;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.kv.PutResult;
import dev.pop.cli.Fixtures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * An async {@link Kv} whose futures complete when the test says so ({@link #completeOne}), or at once with what
 * {@link #answer} returns for the n-th call (0-based) when it is set. Counts calls and the peak in flight.
 */
final class ManualKv implements Kv {

  final ConcurrentLinkedQueue<CompletableFuture<Object>> pending = new ConcurrentLinkedQueue<>();
  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger outstanding = new AtomicInteger();
  final AtomicInteger peak = new AtomicInteger();
  /** When set, answers call n immediately: a completed or failed future (or one that never completes). */
  volatile IntFunction<CompletableFuture<Object>> answer;

  /** Completes the oldest pending call successfully; false if none is pending. */
  boolean completeOne() {
    CompletableFuture<Object> f = pending.poll();
    if (f == null) {
      return false;
    }
    outstanding.decrementAndGet();
    f.complete(Fixtures.putResult(1));
    return true;
  }

  @SuppressWarnings("unchecked")
  private <T> CompletableFuture<T> call() {
    int n = calls.getAndIncrement();
    IntFunction<CompletableFuture<Object>> a = answer;
    if (a != null) {
      return (CompletableFuture<T>) (CompletableFuture<?>) a.apply(n);
    }
    CompletableFuture<Object> f = new CompletableFuture<>();
    peak.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
    pending.add(f);
    return (CompletableFuture<T>) (CompletableFuture<?>) f;
  }

  @Override
  public CompletableFuture<PutResult> putAsync(byte[] key, byte[] value, PutOptions options) {
    return call();
  }

  @Override
  public CompletableFuture<GetResult> getAsync(byte[] key, GetOptions options) {
    return call();
  }

  @Override
  public CompletableFuture<DeleteResult> deleteAsync(byte[] key, DeleteOptions options) {
    return call();
  }

  @Override
  public PutResult put(String key, String value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public PutResult put(byte[] key, byte[] value, PutOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public GetResult get(String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public GetResult get(byte[] key, GetOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long compact(long revision) {
    throw new UnsupportedOperationException("bench never compacts");
  }

  @Override
  public DeleteResult delete(String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public DeleteResult delete(byte[] key, DeleteOptions options) {
    throw new UnsupportedOperationException();
  }
}
