package dev.tuf4j.repository;

/**
 * A publish refused because a metadata file would be larger than clients accept by default
 * (python-tuf, go-tuf and tuf-js: 2,000,000 bytes for snapshot, 5,000,000 for targets roles).
 * Nothing became visible to clients. The message says how many bins to use instead.
 */
public final class MetadataSizeException extends IllegalStateException {
  private final String role;
  private final long size;
  private final long limit;
  private final int suggestedBins;

  MetadataSizeException(String role, long size, long limit, int suggestedBins, String advice) {
    super(role + ": " + String.format("%,d", size) + " bytes, over the " + String.format("%,d", limit)
        + "-byte cap clients apply; " + advice);
    this.role = role;
    this.size = size;
    this.limit = limit;
    this.suggestedBins = suggestedBins;
  }

  public String role() {
    return role;
  }

  public long size() {
    return size;
  }

  public long limit() {
    return limit;
  }

  /** The number of bins that would fit, or 0 when no bin count would. */
  public int suggestedBins() {
    return suggestedBins;
  }
}
