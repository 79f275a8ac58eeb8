package dev.pop.client.kv;

import dev.pop.client.Consistency;
import dev.pop.client.InvalidArgumentException;
import java.util.Objects;

/**
 * Options of a get. Immutable; {@link #DEFAULT} reads the single key, linearizably, at the current revision,
 * without limit.
 */
public final class GetOptions {
  public static final GetOptions DEFAULT = builder().build();

  private final boolean prefix;
  private final byte[] rangeEnd;
  private final long limit;
  private final long revision;
  private final boolean keysOnly;
  private final boolean countOnly;
  private final Consistency consistency;
  private final String member;

  private GetOptions(Builder b) {
    this.prefix = b.prefix;
    this.rangeEnd = b.rangeEnd;
    this.limit = b.limit;
    this.revision = b.revision;
    this.keysOnly = b.keysOnly;
    this.countOnly = b.countOnly;
    this.consistency = b.consistency;
    this.member = b.member;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Read every key that starts with the given key. */
  public boolean prefix() {
    return prefix;
  }

  /** Read [key, rangeEnd) instead of one key; {@code null} when not set. {@code {0}} means every key >= key. */
  public byte[] rangeEnd() {
    return rangeEnd == null ? null : rangeEnd.clone();
  }

  /** At most this many key-values; 0 for no limit. */
  public long limit() {
    return limit;
  }

  /** Read the store as of this revision; 0 for the current one. */
  public long revision() {
    return revision;
  }

  /** Return keys and metadata without values. */
  public boolean keysOnly() {
    return keysOnly;
  }

  /** Return only the count. */
  public boolean countOnly() {
    return countOnly;
  }

  /** The consistency level; default {@link Consistency#LINEARIZABLE}. */
  public Consistency consistency() {
    return consistency;
  }

  /**
   * The id of the member that must answer; {@code null} for the default (linearizable: the leader; serializable:
   * any member). Linearizable reads are answered only by the leader, after it proves its leadership through the
   * log; naming a follower gets UNAVAILABLE (Ratis' follower ReadIndex trusts a leader's possibly stale
   * acknowledgement, see the server's ReadBarrier).
   */
  public String member() {
    return member;
  }

  @Override
  public String toString() {
    return "GetOptions[prefix=" + prefix + ", rangeEnd=" + (rangeEnd == null ? "none" : rangeEnd.length + " bytes")
        + ", limit=" + limit + ", revision=" + revision + ", keysOnly=" + keysOnly + ", countOnly=" + countOnly
        + ", consistency=" + consistency + ", member=" + member + "]";
  }

  /** Builder of {@link GetOptions}; {@link #build()} throws {@link InvalidArgumentException} on bad combinations. */
  public static final class Builder {
    private boolean prefix;
    private byte[] rangeEnd;
    private long limit;
    private long revision;
    private boolean keysOnly;
    private boolean countOnly;
    private Consistency consistency = Consistency.LINEARIZABLE;
    private String member;

    private Builder() {
    }

    public Builder prefix(boolean prefix) {
      this.prefix = prefix;
      return this;
    }

    public Builder rangeEnd(byte[] rangeEnd) {
      this.rangeEnd = rangeEnd == null ? null : rangeEnd.clone();
      return this;
    }

    public Builder limit(long limit) {
      if (limit < 0) {
        throw new InvalidArgumentException("get: limit must be >= 0 (0 for no limit), got " + limit);
      }
      this.limit = limit;
      return this;
    }

    public Builder revision(long revision) {
      if (revision < 0) {
        throw new InvalidArgumentException("get: revision must be >= 0 (0 for the current one), got " + revision);
      }
      this.revision = revision;
      return this;
    }

    public Builder keysOnly(boolean keysOnly) {
      this.keysOnly = keysOnly;
      return this;
    }

    public Builder countOnly(boolean countOnly) {
      this.countOnly = countOnly;
      return this;
    }

    public Builder consistency(Consistency consistency) {
      this.consistency = Objects.requireNonNull(consistency, "consistency");
      return this;
    }

    /** The member that must answer (default: the leader for linearizable reads, any member for serializable ones). */
    public Builder member(String memberId) {
      if (memberId != null && memberId.isBlank()) {
        throw new InvalidArgumentException("get: member id must not be blank");
      }
      this.member = memberId;
      return this;
    }

    public GetOptions build() {
      if (prefix && rangeEnd != null) {
        throw new InvalidArgumentException("get: set either prefix or rangeEnd, not both");
      }
      return new GetOptions(this);
    }
  }
}
