package dev.pop.cli.bench;

import dev.pop.cli.bench.Schedule.Ticket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A closed-loop load generator: {@code clients} logical clients, each with exactly one request in flight; a
 * client sends its next request from the completion of the previous one, for as long as the {@link Schedule}
 * admits it. No thread per client: requests are the SDK's async calls and the loop runs on whichever thread
 * completes them (the SDK's callback threads, which must not block: nothing here does).
 *
 * <p>A request that completes before {@link Request#send} returns (a synchronous failure, or a fake) is handled
 * in a loop rather than by recursion, so such chains cannot overflow the stack.
 */
public final class ClosedLoop {

  /** Sends one request for logical client {@code client} (0-based) and returns its future. */
  @FunctionalInterface
  public interface Request {
    CompletableFuture<?> send(int client);
  }

  private final Request request;
  private final int clients;
  private final Schedule schedule;
  private final Tally tally;
  private final LongSupplier clock;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger measuredInFlight = new AtomicInteger();
  private final CountDownLatch finished;

  public ClosedLoop(Request request, int clients, Schedule schedule, Tally tally, LongSupplier clock) {
    if (clients < 1) {
      throw new IllegalArgumentException("clients must be >= 1");
    }
    this.request = request;
    this.clients = clients;
    this.schedule = schedule;
    this.tally = tally;
    this.clock = clock;
    this.finished = new CountDownLatch(clients);
  }

  /** Starts every logical client (each sends its first request from this thread). */
  public void start() {
    for (int i = 0; i < clients; i++) {
      next(i);
    }
  }

  /** Waits until every client has stopped sending and its last request completed. */
  public boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
    return finished.await(timeout, unit);
  }

  /** Whether every client is done. */
  public boolean done() {
    return finished.getCount() == 0;
  }

  /** Requests sent and not yet completed. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Measured requests sent and not yet completed. */
  public int measuredInFlight() {
    return measuredInFlight.get();
  }

  private void next(int client) {
    while (true) {
      Ticket ticket = schedule.admit();
      if (ticket == Ticket.REFUSED) {
        finished.countDown();
        return;
      }
      boolean measured = ticket == Ticket.MEASURED;
      inFlight.incrementAndGet();
      if (measured) {
        measuredInFlight.incrementAndGet();
      }
      long start = clock.getAsLong();
      CompletableFuture<?> future = send(client);
      if (future.isDone()) {
        complete(future, measured, start);
        continue;
      }
      future.whenComplete(
          (result, error) -> {
            record(measured, start, result, error);
            next(client);
          });
      return;
    }
  }

  private CompletableFuture<?> send(int client) {
    try {
      CompletableFuture<?> future = request.send(client);
      return future != null
          ? future
          : CompletableFuture.failedFuture(new IllegalStateException("request returned no future"));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void complete(CompletableFuture<?> future, boolean measured, long start) {
    if (future.isCompletedExceptionally()) {
      record(measured, start, null, future.handle((r, e) -> e).join());
    } else {
      record(measured, start, future.join(), null);
    }
  }

  private void record(boolean measured, long start, Object result, Throwable error) {
    long end = clock.getAsLong();
    if (error == null) {
      tally.success(measured, start, end, result);
    } else {
      tally.failure(measured, error, end);
    }
    if (measured) {
      measuredInFlight.decrementAndGet();
    }
    inFlight.decrementAndGet();
  }
}
