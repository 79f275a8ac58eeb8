package dev.pop.client.internal;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The exactly-once identity of one client's writes: a random 16-byte client id, increasing request ids (> 0), one
 * per batch, and {@code ack_below}, the smallest request id whose batch has not ended — so the server may forget
 * the stored results of every id below it.
 *
 * <p>A batch "ends" when its callers got an answer, including UNKNOWN_OUTCOME at the deadline: such a batch is never
 * sent again, so its stored result is no longer needed (the server must then not apply a late copy of it either,
 * since its id is below {@code ack_below}). Thread-safe.
 */
public final class WriteSession {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The ids one batch carries on every attempt. */
  public record Ticket(byte[] clientId, long requestId, long ackBelow) {
  }

  private final byte[] clientId;
  private final AtomicLong nextId = new AtomicLong(1);
  private final ConcurrentSkipListSet<Long> open = new ConcurrentSkipListSet<>();

  public WriteSession() {
    this(randomId());
  }

  WriteSession(byte[] clientId) {
    this.clientId = clientId.clone();
  }

  private static byte[] randomId() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return id;
  }

  /** A new batch: a fresh request id, and the ack_below it carries. */
  public synchronized Ticket begin() {
    long id = nextId.getAndIncrement();
    open.add(id);
    return new Ticket(clientId, id, open.first());
  }

  /** The batch with this id has ended (answered, refused, or abandoned at its deadline). */
  public synchronized void end(long requestId) {
    open.remove(requestId);
  }

  /** The smallest request id that has not ended (the next id if none is open). */
  public synchronized long ackBelow() {
    return open.isEmpty() ? nextId.get() : open.first();
  }

  public byte[] clientId() {
    return clientId.clone();
  }
}
