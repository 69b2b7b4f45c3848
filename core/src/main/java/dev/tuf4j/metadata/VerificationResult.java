package dev.tuf4j.metadata;

import dev.tuf4j.UnsignedMetadataException;
import java.util.List;

/**
 * The outcome of checking a delegate's signatures against its delegator (V3): which of the
 * delegator's keyids for the role produced a valid signature that counted, which did not, and
 * the threshold.
 *
 * @param role the delegated role's name
 * @param knownRole whether the delegator lists the role at all
 * @param threshold how many distinct keys must sign (0 when the role is unknown)
 * @param signedBy keyids whose signatures verified and counted, in the delegator's order
 * @param notSignedBy the delegator's other keyids for the role: no signature, a signature that
 *     did not verify, a key that cannot be used, or a key already counted under another keyid
 */
public record VerificationResult(
    String role, boolean knownRole, int threshold, List<String> signedBy, List<String> notSignedBy) {

  public VerificationResult {
    signedBy = List.copyOf(signedBy);
    notSignedBy = List.copyOf(notSignedBy);
  }

  static VerificationResult unknownRole(String role) {
    return new VerificationResult(role, false, 0, List.of(), List.of());
  }

  /** Whether a threshold of distinct keys signed. */
  public boolean verified() {
    return knownRole && signedBy.size() >= threshold;
  }

  /** How many more valid signatures would be needed. */
  public int missing() {
    return knownRole ? Math.max(0, threshold - signedBy.size()) : 1;
  }

  /**
   * Throws unless verified.
   *
   * @param delegator who delegates, for the message ("root version 3", "targets")
   */
  public void requireVerified(String delegator) throws UnsignedMetadataException {
    if (!verified()) {
      if (!knownRole) {
        throw new UnsignedMetadataException(role, delegator + " (which does not delegate to " + role + ")", 1, 0);
      }
      throw new UnsignedMetadataException(role, delegator, threshold, signedBy.size());
    }
  }
}
