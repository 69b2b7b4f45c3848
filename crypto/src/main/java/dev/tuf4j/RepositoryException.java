package dev.tuf4j;

import org.jspecify.annotations.Nullable;

/**
 * Metadata or a target from the repository failed a check. The trusted state is unchanged.
 * Every subtype names the role it concerns (or {@code null} when none is known yet).
 */
public abstract sealed class RepositoryException extends TufException
    permits MetadataFormatException,
        UnsignedMetadataException,
        BadVersionException,
        ExpiredMetadataException,
        LengthOrHashMismatchException,
        MissingMetadataException,
        TargetNotFoundException,
        BootstrapException,
        ClockRollbackException {

  private final @Nullable String role;

  protected RepositoryException(@Nullable String role, String message) {
    super(message);
    this.role = role;
  }

  protected RepositoryException(@Nullable String role, String message, Throwable cause) {
    super(message, cause);
    this.role = role;
  }

  /** The role whose metadata failed, or {@code null} when the failure is not about one role. */
  public @Nullable String role() {
    return role;
  }

  static String prefix(@Nullable String role) {
    return role == null ? "" : role + ": ";
  }
}
