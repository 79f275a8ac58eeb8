package dev.pop.client.internal;

import dev.pop.client.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The attempts of one batch, and what they allow to report when the batch ends without a reply.
 *
 * <p>A write is reported UNAVAILABLE ("not applied") only if every attempt that was sent failed definitely before
 * the log; if any attempt may have reached a leader, or one is still on the wire, it is UNKNOWN_OUTCOME. Reads that
 * fail are UNAVAILABLE. A definite refusal (INVALID_ARGUMENT, NO_SPACE, ...) is reported as such, except for a write
 * that an earlier attempt may already have applied, where only INVALID_ARGUMENT (deterministic) stays definite.
 * Thread-safe.
 */
public final class AttemptHistory {
  private final Set<String> tried = new LinkedHashSet<>();
  private int attempts;
  private boolean inFlightSent;
  private boolean anyMaybeApplied;
  private Failure last;
  private boolean closed;

  /**
   * The current attempt is about to be handed to the network towards {@code target} (a member label).
   *
   * @return false if the batch has already ended: then the attempt must not be sent
   */
  public synchronized boolean sending(String target) {
    if (closed) {
      return false;
    }
    tried.add(target);
    inFlightSent = true;
    return true;
  }

  /** Records a member or endpoint that was contacted without the request being sent (e.g. for discovery). */
  public synchronized void noteTried(String label) {
    tried.add(label);
  }

  /** The batch ends: no attempt may be sent any more. Returns the {@link #verdict} at this instant. */
  public synchronized ErrorCode close(boolean write) {
    closed = true;
    return verdict(write);
  }

  /** A new attempt starts. */
  public synchronized void started() {
    attempts++;
    inFlightSent = false;
  }

  /** The current attempt failed. */
  public synchronized void failed(Failure f) {
    if (inFlightSent && f.kind() == Failure.Kind.MAYBE_APPLIED) {
      anyMaybeApplied = true;
    }
    if (inFlightSent && f.kind() == Failure.Kind.CLOSED) {
      anyMaybeApplied = true; // closed while on the wire
    }
    inFlightSent = false;
    last = f;
  }

  public synchronized int attempts() {
    return attempts;
  }

  /**
   * Who was tried, in order. A bare endpoint ("127.0.0.1:7701") is left out once a member label names the same
   * address ("n1 (127.0.0.1:7701)"), so a message lists each server once.
   */
  public synchronized List<String> tried() {
    List<String> out = new ArrayList<>();
    for (String t : tried) {
      boolean namedLater = !t.contains(" ") && tried.stream().anyMatch(o -> o.endsWith("(" + t + ")"));
      if (!namedLater) {
        out.add(t);
      }
    }
    return out;
  }

  public synchronized Failure last() {
    return last;
  }

  /** True if some attempt may have been applied (or is still on the wire). */
  public synchronized boolean mayHaveBeenApplied() {
    return anyMaybeApplied || inFlightSent;
  }

  /** The code to report for a batch that ended without a reply. */
  public synchronized ErrorCode verdict(boolean write) {
    boolean maybe = anyMaybeApplied || inFlightSent;
    if (last != null && last.kind() == Failure.Kind.REFUSED) {
      if (!write || !maybe || last.code() == ErrorCode.INVALID_ARGUMENT) {
        return last.code();
      }
      return ErrorCode.UNKNOWN_OUTCOME;
    }
    return write && maybe ? ErrorCode.UNKNOWN_OUTCOME : ErrorCode.UNAVAILABLE;
  }
}
