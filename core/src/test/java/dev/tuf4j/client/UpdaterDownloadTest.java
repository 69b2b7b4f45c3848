package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.LengthExceededException;
import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.TargetNotFoundException;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.testing.RepositorySimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Target download (spec 5.7): URLs, verification, the target folder's rules. */
class UpdaterDownloadTest {
  @TempDir Path tmp;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] b) {
    return Hex.encode(Digester.digest(HashAlgorithm.SHA256, b));
  }

  private UpdaterHarness withTargets(RepositorySimulator repo, Map<String, String> files) throws Exception {
    files.forEach((path, content) -> repo.addTarget("targets", path, bytes(content)));
    repo.updateTargets("targets");
    return new UpdaterHarness(repo, tmp);
  }

  private List<Path> filesIn(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void consistentSnapshotTargetsAreFetchedByHashAndStoredByPath() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = withTargets(repo, Map.of("dir/file.txt", "content"));
    Updater u = h.updater();
    TargetFile info = u.targetInfo("dir/file.txt").orElseThrow();
    repo.clearRequests();
    Path stored = u.download(info);
    h.assertRequests("targets/dir/" + sha256(bytes("content")) + ".file.txt");
    assertArrayEquals(bytes("content"), Files.readAllBytes(stored));
    assertTrue(stored.startsWith(h.targetDir));
    assertEquals(List.of(stored), filesIn(h.targetDir));
    assertEquals(stored, u.findCachedTarget(info).orElseThrow());
  }

  @Test
  void withoutConsistentSnapshotsTargetsAreFetchedByPath() throws Exception {
    RepositorySimulator repo = new RepositorySimulator(false);
    UpdaterHarness h = withTargets(repo, Map.of("dir/file.txt", "content"));
    Updater u = h.updater();
    TargetFile info = u.targetInfo("dir/file.txt").orElseThrow();
    repo.clearRequests();
    u.download(info);
    h.assertRequests("targets/dir/file.txt");
  }

  @Test
  void tamperedContentLeavesTheTargetFolderAsItWas() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = withTargets(repo, Map.of("a.txt", "good"));
    Updater u = h.updater();
    TargetFile info = u.targetInfo("a.txt").orElseThrow();
    repo.overrides.put("targets/" + sha256(bytes("good")) + ".a.txt", bytes("evil"));
    LengthOrHashMismatchException e = assertThrows(LengthOrHashMismatchException.class, () -> u.download(info));
    assertEquals("a.txt", e.role());
    assertEquals("sha256", e.what());
    assertEquals(List.of(), filesIn(h.targetDir));
    assertTrue(u.findCachedTarget(info).isEmpty());
  }

  @Test
  void longerContentIsCutAtTheListedLength() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = withTargets(repo, Map.of("a.txt", "good"));
    Updater u = h.updater();
    TargetFile info = u.targetInfo("a.txt").orElseThrow();
    repo.overrides.put("targets/" + sha256(bytes("good")) + ".a.txt", bytes("good and then some"));
    assertThrows(LengthExceededException.class, () -> u.download(info));
    assertEquals(List.of(), filesIn(h.targetDir));
  }

  @Test
  void aCachedTargetThatStillMatchesIsNotDownloadedAgain() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = withTargets(repo, Map.of("a.txt", "one", "b.txt", "two"));
    Updater u = h.updater();
    u.downloadAll(List.of("a.txt"));
    repo.clearRequests();
    Map<String, Path> both = u.downloadAll(List.of("a.txt", "b.txt"));
    assertEquals(List.of("a.txt", "b.txt"), List.copyOf(both.keySet()));
    h.assertRequests("targets/" + sha256(bytes("two")) + ".b.txt");
    assertArrayEquals(bytes("two"), Files.readAllBytes(both.get("b.txt")));
  }

  @Test
  void aChangedTargetReplacesTheOldFile() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = withTargets(repo, Map.of("a.txt", "one"));
    h.updater().downloadAll(List.of("a.txt"));
    repo.addTarget("targets", "a.txt", bytes("version two"));
    repo.updateTargets("targets");
    Map<String, Path> out = h.updater().downloadAll(List.of("a.txt"));
    assertArrayEquals(bytes("version two"), Files.readAllBytes(out.get("a.txt")));
    assertEquals(1, filesIn(h.targetDir).size());
  }

  @Test
  void downloadAllFetchesManyInParallelAndFailsForAnUnknownPath() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    Map<String, String> files = new java.util.TreeMap<>();
    for (int i = 0; i < 20; i++) {
      files.put("pkg/f" + i, "content " + i);
    }
    UpdaterHarness h = withTargets(repo, files);
    Updater u = h.updater();
    Map<String, Path> out = u.downloadAll(List.copyOf(files.keySet()));
    assertEquals(20, out.size());
    for (Map.Entry<String, String> e : files.entrySet()) {
      assertArrayEquals(bytes(e.getValue()), Files.readAllBytes(out.get(e.getKey())));
    }
    TargetNotFoundException e = assertThrows(TargetNotFoundException.class, () -> u.downloadAll(List.of("pkg/f1", "nope")));
    assertEquals("nope", e.targetPath());
    assertFalse(filesIn(h.targetDir).isEmpty());
  }
}
