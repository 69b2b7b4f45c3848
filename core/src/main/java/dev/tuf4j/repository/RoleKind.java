package dev.tuf4j.repository;

import java.time.Duration;

/**
 * The roles a PEP 458 or PEP 480 repository has, by what they do. The role names come from the
 * layout ({@link RepositoryConfig#roleName}): {@link #BINS} is {@code bins} under PEP 458 and
 * {@code unclaimed} under PEP 480; {@link #BIN} stands for every {@code bin-n} role at once.
 *
 * <p>Offline roles change only through a signing ceremony; online roles are signed by the
 * repository's online key whenever they change (PEP 458 "Signing Methods", PEP 480 "Maximum
 * Security Model"). Developer-signed project roles (PEP 480) are no kind: the repository never
 * signs them.
 */
public enum RoleKind {
  /** Root (spec 4.3): offline, one year. */
  ROOT(false, Duration.ofDays(365)),
  /** Top-level targets: offline, one year. */
  TARGETS(false, Duration.ofDays(365)),
  /** Snapshot: online, one day. */
  SNAPSHOT(true, Duration.ofDays(1)),
  /** Timestamp: online, one day. */
  TIMESTAMP(true, Duration.ofDays(1)),
  /** {@code bins} (PEP 458) or {@code unclaimed} (PEP 480), delegated by targets: offline, one year. */
  BINS(false, Duration.ofDays(365)),
  /** Every {@code bin-n}, delegated by bins: online, one day. */
  BIN(true, Duration.ofDays(1)),
  /** PEP 480 {@code claimed}, delegated by targets: offline, one year. */
  CLAIMED(false, Duration.ofDays(365)),
  /** PEP 480 {@code recently-claimed}, delegated by targets: online, one day. */
  RECENTLY_CLAIMED(true, Duration.ofDays(1));

  private final boolean online;
  private final Duration defaultExpiry;

  RoleKind(boolean online, Duration defaultExpiry) {
    this.online = online;
    this.defaultExpiry = defaultExpiry;
  }

  /** Whether the repository signs this role itself with its online key. */
  public boolean online() {
    return online;
  }

  /** How long a new version is valid unless the configuration says otherwise (PEP 458 defaults). */
  public Duration defaultExpiry() {
    return defaultExpiry;
  }
}
