package dev.pop.client;

/**
 * The requested revision is older than the compaction point (code {@link ErrorCode#COMPACTED}):
 * read at {@link #compactRevision()} or later instead.
 */
public class CompactedException extends PopException {
  private static final long serialVersionUID = 1L;

  private final long compactRevision;

  public CompactedException(String message, long compactRevision) {
    super(ErrorCode.COMPACTED, message);
    this.compactRevision = compactRevision;
  }

  /** The oldest revision that is still readable. */
  public long compactRevision() {
    return compactRevision;
  }
}
