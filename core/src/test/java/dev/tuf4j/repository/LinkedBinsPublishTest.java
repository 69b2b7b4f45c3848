package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.StorageException;
import dev.tuf4j.client.Updater;
import dev.tuf4j.metadata.TargetFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The empty bins of a publish are hard links to one file (FileSystemStorage): clients see the
 * same repository, a crash at any write leaves them on the previous state, and later publishes
 * change one bin without touching the others.
 */
class LinkedBinsPublishTest {
  private static final int BINS = 8;
  @TempDir Path tmp;

  @Test
  void aNewRepositoryLinksItsEmptyBinsAndAnUploadChangesOnlyItsOwnBin() throws Exception {
    Path dir = tmp.resolve("repo");
    RepoTesting.Fixture f = new RepoTesting.Fixture(dir, RepoTesting.smallConfig(64),
        FileSystemStorage.create(dir, true));
    f.signOffline().publish();
    BinLayout layout = BinLayout.of(f.config);
    Set<Object> files = new HashSet<>();
    List<byte[]> before = new ArrayList<>();
    for (int i = 0; i < layout.count(); i++) {
      Path p = dir.resolve("metadata/1." + layout.name(i) + ".json");
      files.add(fileKey(p));
      before.add(Files.readAllBytes(p));
    }
    assertTrue(files.size() <= f.config.signingThreads(), "distinct files: " + files.size());

    TargetFile upload = new TargetFile("uploads/one-1.0.tar.gz", 9, Map.of("sha256", "ef".repeat(32)));
    f.repo.addTargets(List.of(upload));
    f.repo.publisher().publishOnline();

    int changed = layout.binOf(upload.path());
    for (int i = 0; i < layout.count(); i++) {
      assertArrayEquals(before.get(i), Files.readAllBytes(dir.resolve("metadata/1." + layout.name(i) + ".json")),
          "bin " + i);
    }
    assertTrue(Files.exists(dir.resolve("metadata/2." + layout.name(changed) + ".json")));
    Updater client = f.client(tmp.resolve("client"));
    client.refresh();
    assertEquals(upload, client.targetInfo(upload.path()).orElseThrow());
    assertEveryBinVerifies(f, client);
  }

  @Test
  void aCrashAtAnyWriteOfAPublishOfLinkedBinsLeavesClientsOnThePreviousStateAndTheRetryWorks() throws Exception {
    int writes = writesOfTheBump(tmp.resolve("probe"));
    assertTrue(writes >= BINS + 2, "writes: " + writes);
    for (int crashAt = 0; crashAt < writes; crashAt++) {
      Path dir = tmp.resolve("crash-" + crashAt);
      RecordingStorage storage = new RecordingStorage(FileSystemStorage.create(dir, true));
      RepoTesting.Fixture f = published(dir, storage);
      f.client(dir.resolve("client")).refresh();

      stageBump(f);
      storage.failAt = writeCount(storage) + crashAt;
      assertThrows(StorageException.class, () -> f.repo.publisher().publishOnline(), "crash at " + crashAt);

      Updater after = f.client(dir.resolve("client"));
      after.refresh();
      assertEquals(1, timestampVersion(after), "crash at " + crashAt);
      assertEveryBinVerifies(f, after);

      storage.failAt = -1;
      f.repo.publisher().publishOnline(); // the bump is still staged
      Updater retried = f.client(dir.resolve("client"));
      retried.refresh();
      assertEquals(2, timestampVersion(retried), "crash at " + crashAt);
      assertEveryBinVerifies(f, retried);
    }
  }

  private static RepoTesting.Fixture published(Path dir, RepositoryStorage storage) throws Exception {
    RepoTesting.Fixture f = new RepoTesting.Fixture(dir, RepoTesting.smallConfig(BINS), storage);
    f.signOffline().publish();
    return f;
  }

  /** Every bin re-signed with the same new expiry: identical files, linked. */
  private static void stageBump(RepoTesting.Fixture f) {
    f.clock.advance(Duration.ofHours(1)); // the timestamp is still valid
    f.repo.bumpOnlineExpiries(Duration.ofDays(400));
  }

  private static int writesOfTheBump(Path dir) throws Exception {
    RecordingStorage storage = new RecordingStorage(FileSystemStorage.create(dir, true));
    RepoTesting.Fixture f = published(dir, storage);
    stageBump(f);
    int before = writeCount(storage);
    PublishResult r = f.repo.publisher().publishOnline();
    assertEquals(BINS, r.binsWritten());
    BinLayout layout = BinLayout.of(f.config);
    Set<Object> files = new HashSet<>();
    for (int i = 0; i < layout.count(); i++) {
      files.add(fileKey(dir.resolve("metadata/2." + layout.name(i) + ".json")));
    }
    assertTrue(files.size() <= f.config.signingThreads(), "the bumped bins are linked: " + files.size());
    return writeCount(storage) - before;
  }

  private static Object fileKey(Path p) throws java.io.IOException {
    return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
  }

  private static long timestampVersion(Updater client) {
    return client.trustedMetadata("timestamp").orElseThrow().signed().version();
  }

  private static int writeCount(RecordingStorage s) {
    return (int) s.snapshotOfWrites().stream().filter(w -> w.startsWith("metadata ") || w.startsWith("target ")).count();
  }

  /** Looks up a path in every bin, which makes the client fetch and verify each bin. */
  private static void assertEveryBinVerifies(RepoTesting.Fixture f, Updater client) throws Exception {
    BinLayout layout = BinLayout.of(f.config);
    BitSet seen = new BitSet();
    for (int i = 0; seen.cardinality() < layout.count(); i++) {
      String path = "probe/" + i + ".tar.gz";
      int bin = layout.binOf(path);
      if (!seen.get(bin)) {
        seen.set(bin);
        assertTrue(client.targetInfo(path).isEmpty(), path);
      }
    }
  }
}
