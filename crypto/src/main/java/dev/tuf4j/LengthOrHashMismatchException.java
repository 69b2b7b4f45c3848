package dev.tuf4j;

import org.jspecify.annotations.Nullable;

/** Downloaded bytes whose length or a hash differs from what trusted metadata lists. */
public final class LengthOrHashMismatchException extends RepositoryException {
  private final String what;
  private final String expected;
  private final String found;

  /**
   * @param role the role (or target path) the bytes belong to
   * @param what {@code "length"} or a hash algorithm name
   */
  public LengthOrHashMismatchException(
      @Nullable String role, String what, String expected, String found) {
    super(role, prefix(role) + "expected " + what + " " + expected + ", got " + found);
    this.what = what;
    this.expected = expected;
    this.found = found;
  }

  /** {@code "length"} or the hash algorithm that did not match. */
  public String what() {
    return what;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }
}
