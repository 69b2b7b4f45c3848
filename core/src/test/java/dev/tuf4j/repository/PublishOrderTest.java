package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.StorageException;
import dev.tuf4j.client.Updater;
import dev.tuf4j.crypto.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files appear in an order that never lets a client see metadata pointing to a file not yet
 * written, and a publish that stops half-way leaves clients with the previous state.
 */
class PublishOrderTest {
  @TempDir Path tmp;

  private int first(List<String> writes, String prefix) {
    for (int i = 0; i < writes.size(); i++) {
      if (writes.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no write starting with " + prefix + " in " + writes);
  }

  private int last(List<String> writes, String prefix) {
    for (int i = writes.size() - 1; i >= 0; i--) {
      if (writes.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no write starting with " + prefix + " in " + writes);
  }

  private boolean barrierBetween(List<String> writes, int a, int b) {
    return writes.subList(a + 1, b).contains("barrier");
  }

  @Test
  void targetsThenDelegatedMetadataThenRootThenSnapshotThenTimestamp() throws Exception {
    RecordingStorage storage = new RecordingStorage(FileSystemStorage.create(tmp.resolve("repo"), false));
    RepoTesting.Fixture f = new RepoTesting.Fixture(tmp.resolve("repo"), RepoTesting.smallConfig(8), storage);
    Path file = Files.writeString(tmp.resolve("f.txt"), "content");
    f.repo.addTargetFiles(Map.of("dir/f.txt", file), null);
    f.signOffline().publish();
    List<String> w = storage.snapshotOfWrites();

    int lastTarget = last(w, "target ");
    int firstMetadata = first(w, "metadata ");
    assertTrue(lastTarget < firstMetadata, w.toString());
    int lastBin = last(w, "metadata 1.bin-");
    assertTrue(lastBin < first(w, "metadata 1.bins.json"), "delegatees before delegators");
    assertTrue(first(w, "metadata 1.bins.json") < first(w, "metadata 1.targets.json"));
    int targets = first(w, "metadata 1.targets.json");
    int snapshot = first(w, "metadata 1.snapshot.json");
    int timestamp = first(w, "metadata timestamp.json");
    int root = first(w, "metadata 1.root.json");
    int rootJson = first(w, "metadata root.json");
    assertTrue(targets < snapshot && snapshot < timestamp && timestamp < root && root < rootJson, w.toString());
    assertTrue(barrierBetween(w, lastTarget, timestamp), "targets durable before clients can see them");
    assertTrue(barrierBetween(w, lastBin, timestamp));
    assertTrue(barrierBetween(w, snapshot, timestamp));
    assertTrue(barrierBetween(w, timestamp, root));
    assertTrue(barrierBetween(w, root, rootJson));
    assertEquals(rootJson, last(w, "metadata "), "a new root is the last metadata written");
  }

  @Test
  void whileRootChangesTheOnlineKeysTimestampAndSnapshotCarryTheOldAndTheNewSignatures() throws Exception {
    RepoTesting.Fixture f = new RepoTesting.Fixture(tmp.resolve("repo"), RepoTesting.smallConfig(4));
    f.signOffline().publish();
    SigningKey newOnline = RepoTesting.key("online-2");
    f.repo.addOnlineSigner(newOnline);
    f.repo.rotateOnlineKey(newOnline.publicKey());
    f.signOffline().publish();
    byte[] ts = Files.readAllBytes(tmp.resolve("repo/metadata/timestamp.json"));
    assertEquals(List.of(newOnline.publicKey().keyId(), f.online.publicKey().keyId()),
        dev.tuf4j.metadata.Metadata.parseTimestamp(ts).signatures().stream().map(s -> s.keyid()).toList());
    // The next publish, under the new root only, drops the old key.
    f.repo.bumpOnlineExpiries(java.time.Duration.ZERO);
    f.repo.publisher().publishOnline();
    ts = Files.readAllBytes(tmp.resolve("repo/metadata/timestamp.json"));
    assertEquals(1, dev.tuf4j.metadata.Metadata.parseTimestamp(ts).signatures().size());
  }

  @Test
  void aPublishInterruptedAtAnyWriteLeavesClientsOnThePreviousStateAndCanBeRetried() throws Exception {
    // Find out how many writes the publish makes, then crash at each of them in turn.
    int writes = countWrites(tmp.resolve("probe"));
    assertTrue(writes > 6, "writes: " + writes);
    for (int crashAt = 0; crashAt < writes; crashAt++) {
      Path dir = tmp.resolve("crash-" + crashAt);
      RecordingStorage storage = new RecordingStorage(FileSystemStorage.create(dir, false));
      RepoTesting.Fixture f = new RepoTesting.Fixture(dir, RepoTesting.smallConfig(4), storage);
      f.signOffline().publish();
      Updater client = f.client(dir.resolve("client"));
      client.refresh();

      stageChange(f, dir);
      storage.failAt = storageCount(storage) + crashAt;
      assertThrows(StorageException.class, () -> f.repo.publisher().publish(), "crash at " + crashAt);

      Updater after = f.client(dir.resolve("client"));
      after.refresh(); // consistent whatever was written
      boolean timestampWritten = Files.readString(dir.resolve("metadata/timestamp.json")).contains("\"version\":2}");
      assertEquals(timestampWritten, after.targetInfo("new/target").isPresent(), "crash at " + crashAt);

      storage.failAt = -1;
      f.repo.publisher().publish(); // the staged changes are still there
      Updater retried = f.client(dir.resolve("client"));
      assertTrue(retried.targetInfo("new/target").isPresent(), "crash at " + crashAt);
      assertEquals(2, retried.trustedRoot().orElseThrow().signed().version());
    }
  }

  @Test
  void aCrashAfterTheBinsWithATornBinFileLeavesClientsOnThePreviousStateAndTheRetryReplacesIt() throws Exception {
    Path dir = tmp.resolve("torn");
    RecordingStorage storage = new RecordingStorage(FileSystemStorage.create(dir, true));
    RepoTesting.Fixture f = new RepoTesting.Fixture(dir, RepoTesting.smallConfig(4), storage);
    f.signOffline().publish();
    f.client(dir.resolve("client")).refresh();

    // Stop at the snapshot: every bin is written and synced, the snapshot is not.
    f.repo.addTargets(List.of(new dev.tuf4j.metadata.TargetFile("new/target", 3,
        Map.of("sha256", "ab".repeat(32)))));
    storage.failAt = storageCount(storage) + 1; // the changed bin, then the snapshot
    assertThrows(StorageException.class, () -> f.repo.publisher().publishOnline());
    List<String> w = storage.snapshotOfWrites();
    String bin = w.get(w.size() - 1).substring("metadata ".length());
    assertTrue(bin.startsWith("2.bin-"), w.toString());
    // A crash before that bin's sync completed leaves part of it, under a name nothing lists.
    Path binFile = dir.resolve("metadata").resolve(bin);
    byte[] whole = Files.readAllBytes(binFile);
    Files.write(binFile, java.util.Arrays.copyOf(whole, whole.length / 2));

    Updater after = f.client(dir.resolve("client"));
    after.refresh();
    assertTrue(after.targetInfo("new/target").isEmpty());

    storage.failAt = -1;
    f.repo.publisher().publishOnline();
    assertArrayEquals(whole, Files.readAllBytes(binFile), "the torn file is replaced by the same bin");
    Updater retried = f.client(dir.resolve("client"));
    assertTrue(retried.targetInfo("new/target").isPresent());
  }

  private int countWrites(Path dir) throws Exception {
    RecordingStorage storage = new RecordingStorage(FileSystemStorage.create(dir, false));
    RepoTesting.Fixture f = new RepoTesting.Fixture(dir, RepoTesting.smallConfig(4), storage);
    f.signOffline().publish();
    stageChange(f, dir);
    storage.writes.clear();
    f.repo.publisher().publish();
    return (int) storage.snapshotOfWrites().stream()
        .filter(w -> w.startsWith("metadata ") || w.startsWith("target ")).count();
  }

  /** A new target file, a bins re-sign for a new bin key and a root version. */
  private void stageChange(RepoTesting.Fixture f, Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("new.txt"), "new");
    f.repo.addTargetFiles(Map.of("new/target", file), null);
    SigningKey newOnline = RepoTesting.key("online-2");
    f.repo.addOnlineSigner(newOnline);
    f.repo.rotateOnlineKey(newOnline.publicKey());
    f.signOffline();
  }

  private int storageCount(RecordingStorage s) {
    return (int) s.snapshotOfWrites().stream()
        .filter(w -> w.startsWith("metadata ") || w.startsWith("target ")).count();
  }
}
