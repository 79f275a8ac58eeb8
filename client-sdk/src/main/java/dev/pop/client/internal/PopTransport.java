package dev.pop.client.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one attempt of one batch to the cluster and returns the reply's message content. Implementations route
 * (leader, chosen member), but never retry on their own beyond following a leader hint: the lane retries, so that
 * it sees and classifies every failure. Thread-safe.
 */
public interface PopTransport extends AutoCloseable {
  /**
   * One attempt. Calls {@code history.sending(label)} right before the request is handed to the network, naming the
   * member it goes to, so that failures before that point are known not to have been sent.
   *
   * @param member for {@link RequestKind#SERIALIZABLE_READ}: the member that must answer, or null for any
   * @return the reply content; fails with the raw cause (Ratis, gRPC or I/O exception)
   */
  CompletableFuture<ByteBuffer> send(RequestKind kind, String member, byte[] payload, AttemptHistory history);

  /** Number of voting members known, for messages; 0 while the membership is unknown. */
  int clusterSize();

  @Override
  void close();
}
