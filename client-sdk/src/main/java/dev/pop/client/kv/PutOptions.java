package dev.pop.client.kv;

import dev.pop.client.InvalidArgumentException;

/** Options of a put. Immutable; {@link #DEFAULT} has no lease and does not return the previous value. */
public final class PutOptions {
  public static final PutOptions DEFAULT = builder().build();

  private final long lease;
  private final boolean prevKv;

  private PutOptions(Builder b) {
    this.lease = b.lease;
    this.prevKv = b.prevKv;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Lease to attach the key to (the key is deleted when the lease ends); 0 for none. */
  public long lease() {
    return lease;
  }

  /** Whether to return the previous key-value in {@link PutResult#prevKv()}. */
  public boolean prevKv() {
    return prevKv;
  }

  @Override
  public String toString() {
    return "PutOptions[lease=" + lease + ", prevKv=" + prevKv + "]";
  }

  /** Builder of {@link PutOptions}. */
  public static final class Builder {
    private long lease;
    private boolean prevKv;

    private Builder() {
    }

    /** Attach the key to this lease; 0 (the default) for none. */
    public Builder lease(long leaseId) {
      if (leaseId < 0) {
        throw new InvalidArgumentException("put: lease must be >= 0, got " + leaseId);
      }
      this.lease = leaseId;
      return this;
    }

    public Builder prevKv(boolean prevKv) {
      this.prevKv = prevKv;
      return this;
    }

    public PutOptions build() {
      return new PutOptions(this);
    }
  }
}
