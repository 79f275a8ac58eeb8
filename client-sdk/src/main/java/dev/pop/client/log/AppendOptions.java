package dev.pop.client.log;

import dev.pop.client.InvalidArgumentException;
import dev.pop.client.lock.LockGrant;

/**
 * Conditions of an append: the seq it must get ({@code expectedSeq}, 0: any) and a lock it must be made under
 * ({@code lockName} held with {@code fence}, null: none). A failed condition is a CONFLICT and appends nothing.
 */
public record AppendOptions(long expectedSeq, String lockName, long fence) {
  public static final AppendOptions NONE = new AppendOptions(0, null, 0);

  public AppendOptions {
    if (expectedSeq < 0) {
      throw new InvalidArgumentException("log append: expected seq is " + expectedSeq + ", must be >= 0 (0: any)");
    }
    if (lockName != null && fence <= 0) {
      throw new InvalidArgumentException("log append: fence is " + fence + ", must be > 0");
    }
  }

  /** The entry must get seq {@code seq}. */
  public static AppendOptions expectSeq(long seq) {
    return new AppendOptions(seq, null, 0);
  }

  /** Also require that {@code grant}'s lock is still held with its fence. */
  public AppendOptions underLock(LockGrant grant) {
    return new AppendOptions(expectedSeq, grant.name(), grant.fence());
  }
}
