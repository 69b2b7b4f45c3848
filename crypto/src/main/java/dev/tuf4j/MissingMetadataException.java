package dev.tuf4j;

import org.jspecify.annotations.Nullable;

/** Metadata that must exist does not: not listed where required, or not available. */
public final class MissingMetadataException extends RepositoryException {
  public MissingMetadataException(@Nullable String role, String message) {
    super(role, prefix(role) + message);
  }
}
