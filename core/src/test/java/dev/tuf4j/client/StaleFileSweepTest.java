package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.testing.RepositorySimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files of killed writers are removed once stale, and nothing else is. */
class StaleFileSweepTest {
  private static final Instant NOW = UpdaterHarness.NOW;

  @TempDir Path tmp;

  private static Path file(Path folder, String name, Duration age) throws Exception {
    Path f = Files.write(Files.createDirectories(folder).resolve(name), new byte[] {1});
    Files.setLastModifiedTime(f, FileTime.from(NOW.minus(age)));
    return f;
  }

  private static List<String> names(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void removesOnlyTemporaryFilesUntouchedForAnHour() throws Exception {
    file(tmp, ".tuf4j-old.tmp", Duration.ofMinutes(61));
    file(tmp, ".tuf4j-busy.tmp", Duration.ofMinutes(59));
    file(tmp, ".tuf4j.lock", Duration.ofDays(9));
    file(tmp, "old.tmp", Duration.ofDays(9));
    file(tmp, ".tuf4j-old.tmp.json", Duration.ofDays(9));
    assertEquals(1, StaleFileSweep.sweep(tmp, NOW));
    assertEquals(List.of(".tuf4j-busy.tmp", ".tuf4j-old.tmp.json", ".tuf4j.lock", "old.tmp"), names(tmp));
  }

  @Test
  void aMissingFolderIsNothingToSweep() {
    assertEquals(0, StaleFileSweep.sweep(tmp.resolve("none"), NOW));
  }

  @Test
  void theFirstRefreshOfAnUpdaterSweepsTheMetadataRootHistoryAndStagingFolders() throws Exception {
    UpdaterHarness h = new UpdaterHarness(new RepositorySimulator(), tmp);
    Path md = h.metadataDir;
    file(md, ".tuf4j-1.tmp", Duration.ofHours(2));
    file(md.resolve("root_history"), ".tuf4j-2.tmp", Duration.ofHours(2));
    file(md.resolve("staging"), ".tuf4j-3.tmp", Duration.ofHours(2));
    Path busy = file(md.resolve("staging"), ".tuf4j-4.tmp", Duration.ofMinutes(1));
    h.updater().refresh();
    assertEquals(List.of(), names(md).stream().filter(n -> n.endsWith(".tmp")).toList());
    assertEquals(List.of(), names(md.resolve("root_history")));
    assertEquals(List.of(busy.getFileName().toString()), names(md.resolve("staging")));
    assertTrue(Files.exists(md.resolve("timestamp.json")));
  }
}
