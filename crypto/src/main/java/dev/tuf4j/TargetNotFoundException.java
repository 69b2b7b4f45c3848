package dev.tuf4j;

/** No trusted targets metadata (top-level or delegated) lists the path (spec 5.7.1). */
public final class TargetNotFoundException extends RepositoryException {
  private final String targetPath;

  public TargetNotFoundException(String targetPath, String message) {
    super(null, "target " + targetPath + ": " + message);
    this.targetPath = targetPath;
  }

  public String targetPath() {
    return targetPath;
  }
}
