package dev.pop.cli;

import dev.pop.client.Kv;
import dev.pop.client.kv.DeleteOptions;
import dev.pop.client.kv.DeleteResult;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.PutOptions;
import dev.pop.client.kv.PutResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Answers with canned results (or throws {@link #failure}) and records what it was asked. */
public final class FakeKv implements Kv {

  /** One call: operation name, key as text, and the options object passed. */
  public record Call(String op, byte[] key, byte[] value, Object options) {
    public String keyText() {
      return new String(key, StandardCharsets.UTF_8);
    }
  }

  /** Synchronized: the async calls run on other threads ({@code popctl bench} makes many at once). */
  public final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  public PutResult putResult = Fixtures.putResult(5);
  public GetResult getResult = Fixtures.getResult(9);
  public DeleteResult deleteResult = Fixtures.deleteResult(1, 10);
  public volatile RuntimeException failure;

  @Override
  public PutResult put(String key, String value) {
    return put(bytes(key), bytes(value), PutOptions.DEFAULT);
  }

  @Override
  public PutResult put(byte[] key, byte[] value, PutOptions options) {
    calls.add(new Call("put", key, value, options));
    failIfAsked();
    return putResult;
  }

  @Override
  public GetResult get(String key) {
    return get(bytes(key), GetOptions.DEFAULT);
  }

  @Override
  public GetResult get(byte[] key, GetOptions options) {
    calls.add(new Call("get", key, null, options));
    failIfAsked();
    return getResult;
  }

  /** The revision the last compact call asked for. */
  public volatile long compactedAt;

  @Override
  public long compact(long revision) {
    if (revision > 10) {
      throw new dev.pop.client.InvalidArgumentException("compact: required revision " + revision
          + " is a future revision, current is 10");
    }
    compactedAt = revision;
    return revision;
  }

  @Override
  public DeleteResult delete(String key) {
    return delete(bytes(key), DeleteOptions.DEFAULT);
  }

  @Override
  public DeleteResult delete(byte[] key, DeleteOptions options) {
    calls.add(new Call("delete", key, null, options));
    failIfAsked();
    return deleteResult;
  }

  @Override
  public CompletableFuture<PutResult> putAsync(byte[] key, byte[] value, PutOptions options) {
    return CompletableFuture.supplyAsync(() -> put(key, value, options));
  }

  @Override
  public CompletableFuture<GetResult> getAsync(byte[] key, GetOptions options) {
    return CompletableFuture.supplyAsync(() -> get(key, options));
  }

  @Override
  public CompletableFuture<DeleteResult> deleteAsync(byte[] key, DeleteOptions options) {
    return CompletableFuture.supplyAsync(() -> delete(key, options));
  }

  public Call lastCall() {
    return calls.get(calls.size() - 1);
  }

  private void failIfAsked() {
    if (failure != null) {
      throw failure;
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
