package dev.pop.client.internal;

import dev.pop.client.InvalidArgumentException;
import dev.pop.client.LockNotAcquiredException;
import dev.pop.client.Locks;
import dev.pop.client.PopException;
import dev.pop.client.UnavailableException;
import dev.pop.client.lease.LeaseKeeper;
import dev.pop.client.lock.LockGrant;
import dev.pop.client.lock.LockStatus;
import dev.pop.proto.LockStatusRequest;
import dev.pop.proto.LockStatusResponse;
import dev.pop.proto.Request;
import dev.pop.proto.UnlockRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/** {@link Locks} on the client's lanes; the waiting is {@link LockAcquisition}'s. */
final class LocksImpl implements Locks {
  private final Calls calls;
  private final LeasesImpl leases;

  LocksImpl(Calls calls, LeasesImpl leases) {
    this.calls = calls;
    this.leases = leases;
  }

  @Override
  public LockGrant lock(String name, long leaseId, Duration wait) {
    LockAcquisition acquisition = acquisition(name, leaseId, wait);
    CompletableFuture<LockGrant> f = acquisition.start();
    try {
      return f.get();
    } catch (InterruptedException e) {
      acquisition.cancel();
      Thread.currentThread().interrupt();
      throw new LockNotAcquiredException(name, false, "lock " + name + ": interrupted while waiting; giving up the"
          + " place in the queue in the background");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LockNotAcquiredException n) {
        LockNotAcquiredException copy = new LockNotAcquiredException(n.lockName(), n.leftQueue(), n.getMessage());
        copy.initCause(n);
        throw copy;
      }
      throw Futures.forCaller("lock", e.getCause());
    }
  }

  @Override
  public CompletableFuture<LockGrant> lockAsync(String name, long leaseId, Duration wait) {
    try {
      LockAcquisition acquisition = acquisition(name, leaseId, wait);
      CompletableFuture<LockGrant> f = acquisition.start();
      CompletableFuture<LockGrant> caller = f.thenApply(g -> g);
      caller.whenComplete((g, e) -> {
        if (caller.isCancelled()) {
          acquisition.cancel();
        }
      });
      return caller;
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private LockAcquisition acquisition(String name, long leaseId, Duration wait) {
    if (name == null) {
      throw new InvalidArgumentException("lock: name must not be null");
    }
    if (wait == null || wait.isNegative()) {
      throw new InvalidArgumentException("lock: wait must be >= 0 (0: try once), got " + wait);
    }
    return new LockAcquisition(calls, name, leaseId, wait);
  }

  @Override
  public Optional<LockGrant> tryLock(String name, long leaseId) {
    try {
      return Optional.of(lock(name, leaseId, Duration.ZERO));
    } catch (LockNotAcquiredException e) {
      return Optional.empty();
    }
  }

  @Override
  public void unlock(String name, long fence) {
    Futures.await("unlock", unlockAsync(name, fence), true);
  }

  @Override
  public CompletableFuture<Void> unlockAsync(String name, long fence) {
    if (name == null) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("unlock: name must not be null"));
    }
    if (fence <= 0) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("unlock: fence must be > 0, got " + fence));
    }
    Request r = Request.newBuilder().setUnlock(UnlockRequest.newBuilder().setName(name).setFence(fence)).build();
    return calls.write("unlock", r, (resp, h) -> null);
  }

  @Override
  public LockStatus lockStatus(String name) {
    return Futures.await("lock_status", lockStatusAsync(name), false);
  }

  CompletableFuture<LockStatus> lockStatusAsync(String name) {
    if (name == null) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("lock_status: name must not be null"));
    }
    Request r = Request.newBuilder().setLockStatus(LockStatusRequest.newBuilder().setName(name)).build();
    return calls.read("lock_status", r, (resp, h) -> {
      if (!resp.hasLockStatus()) {
        throw new IllegalStateException("unexpected reply " + resp.getResultCase() + " instead of LOCK_STATUS");
      }
      LockStatusResponse s = resp.getLockStatus();
      return new LockStatus(name, s.getHeld(), s.getFence(), s.getLease(), s.getWaiters());
    });
  }

  @Override
  public <T> T withLock(String name, Duration ttl, Duration wait, Function<LockGrant, T> body) {
    if (body == null) {
      throw new InvalidArgumentException("withLock: body must not be null");
    }
    Thread runner = Thread.currentThread();
    AtomicBoolean lost = new AtomicBoolean();
    AtomicBoolean inBody = new AtomicBoolean();
    LeaseKeeper keeper = leases.grantAndKeep(ttl, l -> {
      lost.set(true);
      synchronized (inBody) {
        if (inBody.get()) {
          runner.interrupt();
        }
      }
    });
    LockGrant grant = null;
    try {
      grant = lock(name, keeper.leaseId(), wait);
      synchronized (inBody) {
        inBody.set(true);
      }
      T value = null;
      RuntimeException failure = null;
      try {
        value = body.apply(grant);
      } catch (RuntimeException e) {
        failure = e;
      } finally {
        synchronized (inBody) {
          inBody.set(false);
        }
      }
      if (lost.get()) {
        Thread.interrupted(); // our interrupt, not the caller's
        UnavailableException e = new UnavailableException("lock " + name + ": lease " + keeper.leaseId()
            + " was lost while the body ran (fence " + grant.fence() + "); another holder may have had the lock");
        if (failure != null) {
          e.initCause(failure);
        }
        throw e;
      }
      if (failure != null) {
        throw failure;
      }
      return value;
    } finally {
      if (grant != null && !lost.get()) {
        try {
          unlock(name, grant.fence());
        } catch (PopException e) {
          // revoking the lease below releases it anyway
        }
      }
      keeper.close(true);
    }
  }
}
