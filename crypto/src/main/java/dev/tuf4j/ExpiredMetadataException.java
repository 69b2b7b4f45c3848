package dev.tuf4j;

import java.time.Instant;

/** Metadata whose {@code expires} is not after the update's fixed start time (spec 5.1). */
public final class ExpiredMetadataException extends RepositoryException {
  private final Instant expires;
  private final Instant now;

  public ExpiredMetadataException(String role, Instant expires, Instant now) {
    super(role, role + ": expected expiry after " + now + ", got " + expires);
    this.expires = expires;
    this.now = now;
  }

  public Instant expires() {
    return expires;
  }

  public Instant now() {
    return now;
  }
}
