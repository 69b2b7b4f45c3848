package dev.tuf4j.repository;

import java.time.Instant;
import java.util.List;

/**
 * One published role in a status report.
 *
 * @param role the role name
 * @param version its published version
 * @param expires when it expires
 * @param online whether the repository re-signs it itself
 * @param signatures the threshold of its delegator (for root: its own), with the keyids that
 *     signed and those that did not
 * @param expiresSoon whether it expires within the report's window (or has expired)
 */
public record RoleStatus(
    String role, long version, Instant expires, boolean online, List<SignatureStatus.Requirement> signatures,
    boolean expiresSoon) {
  public RoleStatus {
    signatures = List.copyOf(signatures);
  }

  /** Whether every threshold is met by valid signatures. */
  public boolean verified() {
    return signatures.stream().allMatch(SignatureStatus.Requirement::met);
  }
}
