package dev.pop.client.internal;

import dev.pop.client.CompactedException;
import dev.pop.client.ErrorCode;
import dev.pop.client.PopException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Blocking twins: wait for the async call and throw its {@link PopException} in the caller's thread. */
final class Futures {
  private Futures() {
  }

  /**
   * @param write whether the call is a write (an interrupted wait then leaves its outcome unknown)
   */
  static <T> T await(String op, CompletableFuture<T> future, boolean write) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw write
          ? PopErrors.of(ErrorCode.UNKNOWN_OUTCOME, op + ": interrupted while waiting; it may or may not be applied")
          : PopErrors.of(ErrorCode.UNAVAILABLE, op + ": interrupted while waiting");
    } catch (CancellationException e) {
      throw PopErrors.of(write ? ErrorCode.UNKNOWN_OUTCOME : ErrorCode.UNAVAILABLE, op + ": cancelled");
    } catch (ExecutionException e) {
      throw forCaller(op, e.getCause());
    }
  }

  /** A fresh exception of the same type, so the stack trace shows the caller; the original is its cause. */
  static PopException forCaller(String op, Throwable t) {
    if (t instanceof CompactedException c) {
      CompactedException copy = new CompactedException(c.getMessage(), c.compactRevision());
      copy.initCause(c);
      return copy;
    }
    if (t instanceof dev.pop.client.LockNotAcquiredException n) {
      dev.pop.client.LockNotAcquiredException copy =
          new dev.pop.client.LockNotAcquiredException(n.lockName(), n.leftQueue(), n.getMessage());
      copy.initCause(n);
      return copy;
    }
    if (t instanceof PopException p) {
      PopException copy = PopErrors.of(p.code(), p.getMessage());
      copy.initCause(p);
      return copy;
    }
    return new PopException(ErrorCode.INTERNAL, op + ": " + t, t);
  }
}
