package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.Updater;
import dev.tuf4j.metadata.TargetFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A publish re-signs only what changed, and clients refresh across it. */
class IncrementalPublishTest {
  @TempDir Path tmp;
  RepoTesting.Fixture f;
  RecordingStorage storage;

  @BeforeEach
  void publishWithSomeTargets() throws Exception {
    storage = new RecordingStorage(FileSystemStorage.create(tmp.resolve("repo"), false));
    f = new RepoTesting.Fixture(tmp.resolve("repo"), RepoTesting.smallConfig(64), storage);
    List<TargetFile> initial = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      initial.add(target("initial/file-" + i));
    }
    f.repo.addTargets(initial);
    f.signOffline().publish();
    storage.writes.clear();
  }

  static TargetFile target(String path) {
    return new TargetFile(path, path.length(), Map.of("sha256", String.format("%064x", path.hashCode() & 0xffffffffL)));
  }

  @Test
  void oneUploadSignsOneBinTheSnapshotAndTheTimestamp() throws Exception {
    Updater client = f.client(tmp.resolve("client"));
    client.refresh();
    assertTrue(client.targetInfo("initial/file-7").isPresent());

    int before = f.online.count.get();
    f.repo.addTargets(List.of(target("uploads/new-1.0.tar.gz")));
    PublishResult r = f.repo.publisher().publishOnline();

    assertEquals(3, f.online.count.get() - before, "bin, snapshot, timestamp");
    assertEquals(3, r.signatures());
    assertEquals(1, r.binsWritten());
    String bin = BinLayout.of(f.config).name(BinLayout.of(f.config).binOf("uploads/new-1.0.tar.gz"));
    assertEquals(List.of("metadata 2." + bin + ".json", "metadata 2.snapshot.json", "metadata timestamp.json"),
        storage.snapshotOfWrites().stream().filter(w -> w.startsWith("metadata ")).toList());

    Updater again = f.client(tmp.resolve("client")); // a new process over the same client folder
    assertEquals(target("uploads/new-1.0.tar.gz"), again.targetInfo("uploads/new-1.0.tar.gz").orElseThrow());
    assertTrue(again.targetInfo("initial/file-7").isPresent());
  }

  @Test
  void aBatchOfUploadsSignsEachTouchedBinOnce() throws Exception {
    int before = f.online.count.get();
    Set<Integer> bins = new HashSet<>();
    BinLayout layout = BinLayout.of(f.config);
    for (int i = 0; i < 100; i++) {
      String path = "batch/upload-" + i;
      bins.add(layout.binOf(path));
      f.repo.addTargets(List.of(target(path))); // one call per upload, one publish for all
    }
    PublishResult r = f.repo.publisher().publishOnline();
    assertEquals(bins.size(), r.binsWritten());
    assertEquals(bins.size() + 2, f.online.count.get() - before);
    Updater client = f.client(tmp.resolve("client"));
    for (int i = 0; i < 100; i++) {
      assertTrue(client.targetInfo("batch/upload-" + i).isPresent());
    }
  }

  @Test
  void aBatchHandedOverInOneCallChangesTheSameBins() throws Exception {
    Repository fresh = f.reopen(); // nothing in memory: every bin is read, in parallel
    List<TargetFile> batch = new ArrayList<>();
    Set<Integer> bins = new HashSet<>();
    BinLayout layout = BinLayout.of(f.config);
    for (int i = 0; i < 100; i++) {
      batch.add(target("batch/one-call-" + i));
      bins.add(layout.binOf("batch/one-call-" + i));
    }
    batch.add(target("initial/file-3")); // unchanged
    TargetsResult r = fresh.addTargets(batch);
    assertEquals(100, r.added());
    assertEquals(1, r.unchanged());
    assertEquals(bins.size(), r.binsTouched());
    assertEquals(bins.size(), fresh.publisher().publishOnline().binsWritten());
    Updater client = f.client(tmp.resolve("client"));
    assertTrue(client.targetInfo("batch/one-call-99").isPresent());
    assertTrue(client.targetInfo("initial/file-199").isPresent(), "the bins kept what they had");
  }

  @Test
  void anUnchangedTargetAddedAgainChangesNothing() throws Exception {
    TargetsResult r = f.repo.addTargets(List.of(target("initial/file-1")));
    assertEquals(1, r.unchanged());
    assertEquals(0, r.binsTouched());
    assertEquals(false, f.repo.publisher().publishOnline().changed());
  }

  @Test
  void theClientDownloadsOnlyTheChangedBin() throws Exception {
    Updater client = f.client(tmp.resolve("client"));
    for (int i = 0; i < 200; i++) {
      client.targetInfo("initial/file-" + i); // loads every bin
    }
    f.repo.addTargets(List.of(target("uploads/another")));
    f.repo.publisher().publishOnline();

    RepoTesting.FolderFetcher fetcher = new RepoTesting.FolderFetcher(f.dir);
    Updater next = dev.tuf4j.client.Updater.builder()
        .metadataBaseUrl(RepoTesting.METADATA_URL).metadataDir(tmp.resolve("client/metadata"))
        .fetcher(fetcher).clock(f.clock).build();
    for (int i = 0; i < 200; i++) {
      next.targetInfo("initial/file-" + i);
    }
    next.targetInfo("uploads/another").orElseThrow();
    String bin = BinLayout.of(f.config).name(BinLayout.of(f.config).binOf("uploads/another"));
    assertEquals(List.of("metadata/2.root.json", "metadata/timestamp.json", "metadata/2.snapshot.json",
        "metadata/2." + bin + ".json"), fetcher.requests);
  }
}
