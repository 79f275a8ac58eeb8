package dev.pop.client;

import dev.pop.client.log.AppendOptions;
import dev.pop.client.log.LogReadResult;
import dev.pop.client.log.StreamInfo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Transaction log streams: named, replicated, append-only sequences with dense seqs from 1. An append can demand
 * the seq it gets and a lock fence (see {@link AppendOptions}), which is how several writers (or saga runners)
 * coordinate without ever interleaving. Reads are linearizable. Errors as in {@link Kv}; CONFLICT for a failed
 * append condition, NOT_FOUND for an unknown stream, COMPACTED for a trimmed seq.
 */
public interface Logs {
  /** Appends {@code data} to {@code stream} (created by its first append) and returns the entry's seq. */
  long append(String stream, byte[] data);

  long append(String stream, byte[] data, AppendOptions options);

  CompletableFuture<Long> appendAsync(String stream, byte[] data, AppendOptions options);

  /** Up to {@code limit} entries from {@code fromSeq} (0: the first kept one). */
  LogReadResult read(String stream, long fromSeq, int limit);

  /**
   * Like {@link #read}, but if no entry at or after {@code fromSeq} exists yet, waits up to {@code wait} (at most
   * 60 s) for one: the way to follow a stream's tail without polling.
   */
  LogReadResult awaitRead(String stream, long fromSeq, int limit, Duration wait);

  /** Drops the entries up to {@code uptoSeq} and returns the first seq kept. */
  long trim(String stream, long uptoSeq);

  /** The streams whose names start with {@code prefix} ("" for all), in name order, up to 1,000. */
  List<StreamInfo> list(String prefix);
}
