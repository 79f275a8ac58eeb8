package dev.pop.client.internal;

import dev.pop.client.ConflictException;
import dev.pop.client.ErrorCode;
import dev.pop.client.Leases;
import dev.pop.client.Locks;
import dev.pop.client.Logs;
import dev.pop.client.NotFoundException;
import dev.pop.client.Sagas;
import dev.pop.client.lease.LeaseKeeper;
import dev.pop.client.lock.LockGrant;
import dev.pop.client.log.AppendOptions;
import dev.pop.client.saga.SagaDefinition;
import dev.pop.client.saga.SagaException;
import dev.pop.client.saga.SagaLog;
import dev.pop.client.saga.SagaReader;
import dev.pop.client.saga.SagaState;
import dev.pop.client.saga.StepContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Sagas}: one run holds the saga's lock under a kept-alive lease and appends each transition with the next
 * seq and the lock's fence; it replays the stream first, so a run after a dead runner picks up where it stopped.
 */
final class SagasImpl implements Sagas {
  /** The lease a runner holds a saga under: a dead runner's saga is free again this long after its last keepalive. */
  static final Duration LEASE_TTL = Duration.ofSeconds(5);
  static final int COMPENSATION_ATTEMPTS = 5;
  private static final long FIRST_BACKOFF_MS = 100;

  private final Logs logs;
  private final Locks locks;
  private final Leases leases;

  SagasImpl(Logs logs, Locks locks, Leases leases) {
    this.logs = logs;
    this.locks = locks;
    this.leases = leases;
  }

  @Override
  public SagaState run(SagaDefinition definition, String sagaId, byte[] input, Duration lockWait) {
    String stream = SagaLog.stream(sagaId);
    // An Error (the process is going down) leaves the lock to the lease's end, as a killed runner would: only
    // a run that ends normally or with an exception releases the saga and revokes its lease at once.
    LeaseKeeper lease = leases.grantAndKeep(LEASE_TTL, lost -> { });
    SagaState end;
    try {
      LockGrant grant = locks.lock(stream, lease.leaseId(), lockWait);
      end = new Run(definition, sagaId, stream, grant).drive(input == null ? new byte[0] : input);
    } catch (RuntimeException e) {
      lease.close(true);
      throw e;
    } catch (Error e) {
      lease.close(false);
      throw e;
    }
    lease.close(true); // releases the lock too
    return end;
  }

  @Override
  public SagaState state(String sagaId) {
    return SagaReader.state(logs, sagaId);
  }

  @Override
  public List<SagaState> list() {
    return SagaReader.list(logs);
  }

  /** One runner's drive of one saga, while it holds the lock. */
  private final class Run {
    private final SagaDefinition definition;
    private final String sagaId;
    private final String stream;
    private final LockGrant grant;
    private SagaState state;

    Run(SagaDefinition definition, String sagaId, String stream, LockGrant grant) {
      this.definition = definition;
      this.sagaId = sagaId;
      this.stream = stream;
      this.grant = grant;
    }

    SagaState drive(byte[] input) {
      state = read();
      if (state.status() == SagaState.Status.NEW) {
        append(SagaLog.started(definition.name(), input));
      } else if (!state.definition().equals(definition.name())) {
        throw new dev.pop.client.InvalidArgumentException("saga " + sagaId + " was started with definition '"
            + state.definition() + "', not '" + definition.name() + "'");
      }
      if (state.status() == SagaState.Status.RUNNING) {
        forward();
      }
      if (state.status() == SagaState.Status.COMPENSATING) {
        compensate();
      }
      return state;
    }

    private void forward() {
      List<SagaDefinition.Step> steps = definition.steps();
      for (int i = state.done(); i < steps.size(); i++) {
        if (!state.started().contains(i)) {
          append(SagaLog.step(SagaLog.Kind.STEP_STARTED, i, steps.get(i).name()));
        }
        try {
          steps.get(i).action().run(context(i, "action"));
        } catch (Exception e) {
          append(SagaLog.step(SagaLog.Kind.STEP_FAILED, i, String.valueOf(e.getMessage())));
          return;
        }
        append(SagaLog.step(SagaLog.Kind.STEP_DONE, i, null));
      }
      append(SagaLog.end(SagaLog.Kind.COMPLETED));
    }

    /** Compensates every started step not yet compensated, newest first, each retried with backoff. */
    private void compensate() {
      List<Integer> started = new ArrayList<>(state.started());
      java.util.Collections.reverse(started);
      for (int i : started) {
        if (state.compensated().contains(i)) {
          continue;
        }
        append(SagaLog.step(SagaLog.Kind.COMPENSATION_STARTED, i, null));
        Exception last = null;
        for (int attempt = 0; attempt < COMPENSATION_ATTEMPTS; attempt++) {
          try {
            definition.steps().get(i).compensation().run(context(i, "compensate"));
            last = null;
            break;
          } catch (Exception e) {
            last = e;
            sleep(FIRST_BACKOFF_MS << attempt);
          }
        }
        if (last != null) {
          append(SagaLog.step(SagaLog.Kind.COMPENSATION_FAILED, i, String.valueOf(last.getMessage())));
          throw new SagaException(ErrorCode.UNAVAILABLE, "saga " + sagaId + ": the compensation of step " + i + " ("
              + definition.steps().get(i).name() + ") failed " + COMPENSATION_ATTEMPTS + " times: " + last.getMessage()
              + "; the saga stays COMPENSATING, run it again to retry", last);
        }
        append(SagaLog.step(SagaLog.Kind.COMPENSATED, i, null));
      }
      append(SagaLog.end(SagaLog.Kind.ABORTED));
    }

    private StepContext context(int step, String what) {
      return new StepContext(sagaId, step, definition.steps().get(step).name(), sagaId + "/" + step + "/" + what,
          state.input());
    }

    /** Appends one transition at the next seq under the lock's fence, then replays it into the state. */
    private void append(byte[] record) {
      try {
        logs.append(stream, record, AppendOptions.expectSeq(state.lastSeq() + 1).underLock(grant));
      } catch (ConflictException e) {
        throw new SagaException(ErrorCode.CONFLICT, "saga " + sagaId + ": this runner lost the saga (" + e.getMessage()
            + "); another runner drives it now", e);
      }
      state = read();
    }

    private SagaState read() {
      try {
        return state(sagaId);
      } catch (NotFoundException e) {
        return SagaLog.replay(sagaId, List.of(), 0);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SagaException(ErrorCode.UNAVAILABLE, "saga: interrupted", e);
    }
  }

}
