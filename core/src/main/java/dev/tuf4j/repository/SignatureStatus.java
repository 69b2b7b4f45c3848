package dev.tuf4j.repository;

import java.util.List;

/**
 * Which signatures a version of a role has and which it still needs, for an offline ceremony.
 * A role is ready when every requirement is met; a new root has two (spec 5.3.4: a threshold
 * of the previous root's root keys and a threshold of its own), every other role one.
 *
 * @param role the role name
 * @param version the version being signed
 * @param requirements one per delegator whose threshold must be met
 */
public record SignatureStatus(String role, long version, List<Requirement> requirements) {
  public SignatureStatus {
    requirements = List.copyOf(requirements);
  }

  /**
   * One threshold to meet.
   *
   * @param delegator whose keys count, e.g. {@code "root version 1"} or {@code "targets"}
   * @param threshold how many distinct keys must sign
   * @param signedBy keyids with a valid signature that counted
   * @param missing keyids that could still sign
   */
  public record Requirement(String delegator, int threshold, List<String> signedBy, List<String> missing) {
    public Requirement {
      signedBy = List.copyOf(signedBy);
      missing = List.copyOf(missing);
    }

    public boolean met() {
      return signedBy.size() >= threshold;
    }

    /** How many more signatures are needed. */
    public int stillNeeded() {
      return Math.max(0, threshold - signedBy.size());
    }
  }

  /** Whether every threshold is met, so that the version can be published. */
  public boolean complete() {
    return requirements.stream().allMatch(Requirement::met);
  }

  /** Every keyid that could still add a useful signature. */
  public List<String> missingKeyids() {
    return requirements.stream().filter(r -> !r.met())
        .flatMap(r -> r.missing().stream()).distinct().toList();
  }
}
