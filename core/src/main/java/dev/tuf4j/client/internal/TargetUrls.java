package dev.tuf4j.client.internal;

import org.jspecify.annotations.Nullable;

/**
 * The URL path of a target file below the target base URL (spec 5.7.3). Each segment of the
 * target path is percent-encoded like a role name ({@link Names#encodeRoleName}), and the
 * {@code /} between segments stays as it is, so the server sees the same folders the repository
 * wrote. Under consistent snapshots the file name is prefixed with a hash: {@code
 * dir/HASH.basename}.
 *
 * <p>Not API.
 */
public final class TargetUrls {
  private TargetUrls() {}

  /**
   * @param targetPath the target path as listed in targets metadata
   * @param hashPrefix the hex digest to prefix the file name with, or {@code null} without
   *     consistent snapshots
   */
  public static String path(String targetPath, @Nullable String hashPrefix) {
    int slash = targetPath.lastIndexOf('/');
    String dir = slash < 0 ? "" : targetPath.substring(0, slash + 1);
    String base = targetPath.substring(slash + 1);
    StringBuilder out = new StringBuilder();
    int start = 0;
    while (start < dir.length()) {
      int end = dir.indexOf('/', start);
      out.append(Names.encodeRoleName(dir.substring(start, end))).append('/');
      start = end + 1;
    }
    if (hashPrefix != null) {
      out.append(Names.encodeRoleName(hashPrefix)).append('.');
    }
    return out.append(Names.encodeRoleName(base)).toString();
  }
}
