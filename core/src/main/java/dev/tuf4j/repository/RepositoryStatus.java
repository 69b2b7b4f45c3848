package dev.tuf4j.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A repository's state for an operator: every published role with its version, expiry and
 * signatures, and every pending offline version with the signatures it still needs.
 *
 * @param now the time of the report
 * @param roles published roles: root, timestamp, snapshot, targets, the delegated roles, and
 *     every bin-n
 * @param pending pending offline versions
 */
public record RepositoryStatus(Instant now, List<RoleStatus> roles, List<SignatureStatus> pending) {
  public RepositoryStatus {
    roles = List.copyOf(roles);
    pending = List.copyOf(pending);
  }

  /** The roles that expire within the report's window, soonest first. */
  public List<RoleStatus> expiringSoon() {
    return roles.stream().filter(RoleStatus::expiresSoon)
        .sorted(java.util.Comparator.comparing(RoleStatus::expires)).toList();
  }

  /** Roles whose signatures do not meet a threshold (damage, or a key change not re-signed). */
  public List<RoleStatus> unverified() {
    return roles.stream().filter(r -> !r.verified()).toList();
  }

  public Optional<RoleStatus> role(String name) {
    return roles.stream().filter(r -> r.role().equals(name)).findFirst();
  }
}
