package dev.pop.client.kv;

/** Options of a delete. Immutable; {@link #DEFAULT} deletes the single key and returns no previous values. */
public final class DeleteOptions {
  public static final DeleteOptions DEFAULT = builder().build();

  private final boolean prefix;
  private final boolean prevKv;

  private DeleteOptions(Builder b) {
    this.prefix = b.prefix;
    this.prevKv = b.prevKv;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Delete every key that starts with the given key. */
  public boolean prefix() {
    return prefix;
  }

  /** Return the deleted key-values in {@link DeleteResult#prevKvs()}. */
  public boolean prevKv() {
    return prevKv;
  }

  @Override
  public String toString() {
    return "DeleteOptions[prefix=" + prefix + ", prevKv=" + prevKv + "]";
  }

  /** Builder of {@link DeleteOptions}. */
  public static final class Builder {
    private boolean prefix;
    private boolean prevKv;

    private Builder() {
    }

    public Builder prefix(boolean prefix) {
      this.prefix = prefix;
      return this;
    }

    public Builder prevKv(boolean prevKv) {
      this.prevKv = prevKv;
      return this;
    }

    public DeleteOptions build() {
      return new DeleteOptions(this);
    }
  }
}
