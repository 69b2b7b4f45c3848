package dev.tuf4j;

import org.jspecify.annotations.Nullable;

/** Fewer valid signatures from the delegator's keys than its threshold for the role. */
public final class UnsignedMetadataException extends RepositoryException {
  private final int threshold;
  private final int validSignatures;

  public UnsignedMetadataException(
      @Nullable String role, String signedBy, int threshold, int validSignatures) {
    super(
        role,
        prefix(role)
            + "expected signatures from "
            + threshold
            + " of the keys "
            + signedBy
            + " trusts, got "
            + validSignatures);
    this.threshold = threshold;
    this.validSignatures = validSignatures;
  }

  public int threshold() {
    return threshold;
  }

  public int validSignatures() {
    return validSignatures;
  }
}
