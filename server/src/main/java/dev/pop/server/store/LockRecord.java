package dev.pop.server.store;

/**
 * One lock name, as stored under {@link KeySpace#lock}:
 * {@code [nextId:8][holderId:8][fence:8][holderLease:8][waiters:8]}. Kept after the lock becomes free, so the id
 * counter (waiter ids and fences alike) never goes back and no fence is ever reused.
 */
final class LockRecord {
  private static final int BYTES = 40;

  /** The next waiter id or fence to hand out; starts at 1. */
  long nextId = 1;
  /** Waiter id of the holder, 0 when free. */
  long holderId;
  /** The holder's fence, 0 when free. */
  long fence;
  long holderLease;
  /** Waiters queued behind the holder. */
  long waiters;

  boolean held() {
    return fence != 0;
  }

  long takeId() {
    return nextId++;
  }

  void free() {
    holderId = 0;
    fence = 0;
    holderLease = 0;
  }

  static LockRecord decode(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalStateException("corrupt lock record of " + bytes.length + " bytes");
    }
    LockRecord r = new LockRecord();
    r.nextId = KeySpace.getLong(bytes, 0);
    r.holderId = KeySpace.getLong(bytes, 8);
    r.fence = KeySpace.getLong(bytes, 16);
    r.holderLease = KeySpace.getLong(bytes, 24);
    r.waiters = KeySpace.getLong(bytes, 32);
    return r;
  }

  byte[] encode() {
    byte[] out = new byte[BYTES];
    KeySpace.putLong(out, 0, nextId);
    KeySpace.putLong(out, 8, holderId);
    KeySpace.putLong(out, 16, fence);
    KeySpace.putLong(out, 24, holderLease);
    KeySpace.putLong(out, 32, waiters);
    return out;
  }
}
