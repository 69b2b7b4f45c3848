package dev.tuf4j.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checked settings of one {@code tuf4j client} run.
 *
 * @param metadataUrl the metadata base URL, ending in {@code /}
 * @param targetBaseUrl the target base URL, ending in {@code /}; null when not downloading
 * @param bootstrap how to get the first root when MD has none; null without {@code
 *     --bootstrap-url}
 * @param strictClock {@code --strict-clock}: a clock set back before the last accepted metadata
 *     fails the refresh instead of printing a warning
 */
record ClientOptions(
    Path metadataDir,
    URI metadataUrl,
    @Nullable Path targetDir,
    @Nullable URI targetBaseUrl,
    @Nullable Bootstrap bootstrap,
    @Nullable Path caFile,
    boolean strictClock) {

  /**
   * {@code --bootstrap-url} and its pins.
   *
   * @param rootKeyids empty when not pinned
   * @param rootThreshold 0 when not pinned
   */
  record Bootstrap(
      List<URI> urls,
      @Nullable String rootSha256,
      Set<String> rootKeyids,
      int rootThreshold,
      boolean trustOnFirstUse) {}
}
