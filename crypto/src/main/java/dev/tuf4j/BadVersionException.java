package dev.tuf4j;

import org.jspecify.annotations.Nullable;

/** A version that goes backwards (rollback) or differs from the one a trusted role lists. */
public final class BadVersionException extends RepositoryException {
  private final long expected;
  private final long found;

  /**
   * @param what what the version belongs to, e.g. {@code "version"} or {@code
   *     "meta[snapshot.json].version"}
   * @param relation how {@code found} must relate to {@code expected}, e.g. {@code "exactly"} or
   *     {@code "at least"}
   */
  public BadVersionException(
      @Nullable String role, String what, String relation, long expected, long found) {
    super(
        role,
        prefix(role) + "expected " + what + " " + relation + " " + expected + ", got " + found);
    this.expected = expected;
    this.found = found;
  }

  public long expected() {
    return expected;
  }

  public long found() {
    return found;
  }
}
