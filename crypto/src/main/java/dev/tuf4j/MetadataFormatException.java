package dev.tuf4j;

import org.jspecify.annotations.Nullable;

/**
 * Bytes that are not well-formed TUF metadata: not JSON, over a parse limit, or breaking a
 * structural rule of the specification. {@link #jsonPath()} points at the offending value.
 */
public final class MetadataFormatException extends RepositoryException {
  private final String jsonPath;
  private final String detail;

  public MetadataFormatException(@Nullable String role, String jsonPath, String detail) {
    super(role, prefix(role) + "malformed metadata at " + jsonPath + ": " + detail);
    this.jsonPath = jsonPath;
    this.detail = detail;
  }

  public MetadataFormatException(
      @Nullable String role, String jsonPath, String detail, Throwable cause) {
    super(role, prefix(role) + "malformed metadata at " + jsonPath + ": " + detail, cause);
    this.jsonPath = jsonPath;
    this.detail = detail;
  }

  /** A JSONPath-like pointer such as {@code $.signed.roles.root.threshold}. */
  public String jsonPath() {
    return jsonPath;
  }

  /** What is wrong at {@link #jsonPath()}, without the role and path. */
  public String detail() {
    return detail;
  }

  /** The same failure, attributed to {@code role}. */
  public MetadataFormatException forRole(String role) {
    return new MetadataFormatException(role, jsonPath, detail, this);
  }
}
