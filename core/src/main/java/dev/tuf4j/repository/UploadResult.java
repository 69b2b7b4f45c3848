package dev.tuf4j.repository;

import java.util.List;

/**
 * An accepted PEP 480 upload, published at the next publish.
 *
 * @param project the project's normalized name
 * @param role its delegated role
 * @param version the accepted version of its metadata
 * @param targets the target paths it lists
 * @param delegator {@code claimed} or {@code recently-claimed}
 * @param newDelegation whether this upload brought the project's first delegation
 */
public record UploadResult(
    String project, String role, long version, List<String> targets, String delegator, boolean newDelegation) {
  public UploadResult {
    targets = List.copyOf(targets);
  }
}
