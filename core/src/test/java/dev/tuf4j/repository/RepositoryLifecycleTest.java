package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.client.Updater;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.TargetFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLifecycleTest {
  @TempDir Path tmp;

  private RepoTesting.Fixture published(RepositoryConfig config) throws Exception {
    RepoTesting.Fixture f = new RepoTesting.Fixture(tmp.resolve("repo"), config);
    f.signOffline().publish();
    return f;
  }

  @Test
  void aNewRepositoryIsNotPublishedUntilTheOfflineRolesAreSigned() throws Exception {
    RepoTesting.Fixture f = new RepoTesting.Fixture(tmp.resolve("repo"), RepoTesting.smallConfig(16));
    UnsignedMetadataException e = assertThrows(UnsignedMetadataException.class, f::publish);
    assertEquals("root", e.role());
    assertEquals(2, e.threshold());
    assertEquals(0, e.validSignatures());
    assertFalse(Files.exists(tmp.resolve("repo/metadata/timestamp.json")));
  }

  @Test
  void theFirstPublishWritesEveryRoleUnderConsistentSnapshotNames() throws Exception {
    published(RepoTesting.smallConfig(4));
    try (Stream<Path> files = Files.list(tmp.resolve("repo/metadata"))) {
      assertEquals(List.of("1.bin-0.json", "1.bin-1.json", "1.bin-2.json", "1.bin-3.json", "1.bins.json",
          "1.root.json", "1.snapshot.json", "1.targets.json", "root.json", "timestamp.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    Root root = Metadata.parseRoot(Files.readAllBytes(tmp.resolve("repo/metadata/root.json"))).signed();
    assertTrue(root.consistentSnapshot());
    assertEquals(RoleKind.ROOT.defaultExpiry(), Duration.between(RepoTesting.NOW, root.expires()));
  }

  @Test
  void theClientDownloadsATargetAddedFromAFileUnderItsHashedName() throws Exception {
    RepoTesting.Fixture f = published(RepoTesting.smallConfig(16));
    Path file = Files.writeString(tmp.resolve("demo.whl"), "wheel bytes");
    f.repo.addTargetFiles(Map.of("packages/ab/cd/demo-1.0-py3-none-any.whl", file), null);
    f.repo.publisher().publishOnline();

    String sha = Hex.encode(Digester.digest(HashAlgorithm.SHA256, "wheel bytes".getBytes(StandardCharsets.UTF_8)));
    String blake = Hex.encode(Digester.digest(HashAlgorithm.BLAKE2B_256, "wheel bytes".getBytes(StandardCharsets.UTF_8)));
    assertTrue(Files.exists(tmp.resolve("repo/targets/packages/ab/cd/" + sha + ".demo-1.0-py3-none-any.whl")));
    assertTrue(Files.exists(tmp.resolve("repo/targets/packages/ab/cd/" + blake + ".demo-1.0-py3-none-any.whl")));

    Updater client = f.client(tmp.resolve("client"));
    TargetFile info = client.targetInfo("packages/ab/cd/demo-1.0-py3-none-any.whl").orElseThrow();
    assertEquals(Map.of("sha256", sha, "blake2b-256", blake), info.hashes());
    assertEquals("wheel bytes", Files.readString(client.download(info)));
  }

  @Test
  void customFieldsOfPrecomputedTargetsReachTheClientUnchanged() throws Exception {
    RepoTesting.Fixture f = published(RepoTesting.smallConfig(16));
    JsonObject custom = JsonObject.builder().put("requires-python", ">=3.8").put("yanked", false).build();
    JsonObject extra = JsonObject.builder().put("x-extra", "kept").build();
    f.repo.addTargets(List.of(new TargetFile("simple/demo/index.html", 12,
        Map.of("sha256", "ab".repeat(32)), custom, extra)));
    f.repo.publisher().publishOnline();

    TargetFile info = f.client(tmp.resolve("client")).targetInfo("simple/demo/index.html").orElseThrow();
    assertEquals(custom, info.custom().orElseThrow());
    assertEquals(extra, info.unrecognized());
  }

  @Test
  void aRemovedTargetIsGoneForTheClientAndItsFileIsPrunedAfterTheKeptVersions() throws Exception {
    RepoTesting.Fixture f = published(RepositoryConfig.builder().binCount(16).keepVersions(2).build());
    Path file = Files.writeString(tmp.resolve("a.txt"), "a");
    f.repo.addTargetFiles(Map.of("files/a.txt", file), null);
    f.repo.publisher().publishOnline();
    String sha = Hex.encode(Digester.digest(HashAlgorithm.SHA256, "a".getBytes(StandardCharsets.UTF_8)));
    Path published = tmp.resolve("repo/targets/files/" + sha + ".a.txt");
    assertTrue(Files.exists(published));

    assertEquals(1, f.repo.removeTargets(List.of("files/a.txt")).removed());
    f.repo.publisher().publishOnline();
    assertTrue(f.client(tmp.resolve("client")).targetInfo("files/a.txt").isEmpty());
    assertTrue(Files.exists(published), "the previous snapshot still lists it");

    f.repo.bumpOnlineExpiries(Duration.ZERO);
    PublishResult r = f.repo.publisher().publishOnline();
    assertFalse(Files.exists(published));
    assertTrue(r.pruned().contains("files/" + sha + ".a.txt"), r.pruned().toString());
  }

  @Test
  void oldMetadataVersionsArePrunedBeyondTheKeptSnapshots() throws Exception {
    RepoTesting.Fixture f = published(RepositoryConfig.builder().binCount(2).keepVersions(2).build());
    for (int i = 0; i < 3; i++) {
      f.repo.addTargets(List.of(new TargetFile("t" + i, 1, Map.of("sha256", "00".repeat(32)))));
      f.repo.publisher().publishOnline();
    }
    // Snapshots 3 and 4 are kept, with what they reference; 1 and 2 are gone.
    Path md = tmp.resolve("repo/metadata");
    assertFalse(Files.exists(md.resolve("1.snapshot.json")));
    assertFalse(Files.exists(md.resolve("2.snapshot.json")));
    assertTrue(Files.exists(md.resolve("3.snapshot.json")));
    assertTrue(Files.exists(md.resolve("4.snapshot.json")));
    assertTrue(Files.exists(md.resolve("1.root.json")), "roots are never pruned");
  }

  @Test
  void aPublishThatSupersedesManyBinsPrunesEveryOldVersionAndKeepsTheLiveOnes() throws Exception {
    RepoTesting.Fixture f = published(RepositoryConfig.builder().binCount(64).keepVersions(1).build());
    f.repo.bumpOnlineExpiries(Duration.ofDays(3650)); // every bin re-signed: version 2
    f.repo.publisher().publishOnline();
    f.repo.bumpOnlineExpiries(Duration.ofDays(3650)); // version 3; versions 1 and 2 are due
    PublishResult r = f.repo.publisher().publishOnline();
    Path md = tmp.resolve("repo/metadata");
    BinLayout layout = BinLayout.of(f.config);
    for (int i = 0; i < 64; i++) {
      String name = layout.name(i);
      assertFalse(Files.exists(md.resolve("1." + name + ".json")), name);
      assertFalse(Files.exists(md.resolve("2." + name + ".json")), name);
      assertTrue(Files.exists(md.resolve("3." + name + ".json")), name);
      assertTrue(r.pruned().contains("2." + name + ".json"), name);
    }
    assertTrue(f.client(tmp.resolve("client")).targetInfo("no/such/target").isEmpty(), "the client reads it all");
  }

  @Test
  void aReopenedRepositoryContinuesWhereThePreviousProcessStopped() throws Exception {
    RepoTesting.Fixture f = published(RepoTesting.smallConfig(16));
    f.repo.addTargets(List.of(new TargetFile("a/one", 3, Map.of("sha256", "11".repeat(32)))));
    f.repo.publisher().publishOnline();

    Repository again = f.reopen();
    assertEquals(2, again.publishedVersion("snapshot"));
    again.addTargets(List.of(new TargetFile("a/two", 3, Map.of("sha256", "22".repeat(32)))));
    PublishResult r = again.publisher().publishOnline();
    assertEquals(3, r.snapshotVersion());

    Updater client = f.client(tmp.resolve("client"));
    assertTrue(client.targetInfo("a/one").isPresent());
    assertTrue(client.targetInfo("a/two").isPresent());
  }

  @Test
  void withoutConsistentSnapshotsFilesKeepTheirPlainNames() throws Exception {
    RepoTesting.Fixture f = published(RepositoryConfig.builder().binCount(2).consistentSnapshot(false).build());
    Path file = Files.writeString(tmp.resolve("b.txt"), "b");
    f.repo.addTargetFiles(Map.of("dir/b.txt", file), null);
    f.repo.publisher().publishOnline();
    assertTrue(Files.exists(tmp.resolve("repo/metadata/snapshot.json")));
    assertTrue(Files.exists(tmp.resolve("repo/metadata/bins.json")));
    assertTrue(Files.exists(tmp.resolve("repo/targets/dir/b.txt")));
    Updater client = f.client(tmp.resolve("client"));
    assertEquals("b", Files.readString(client.download(client.targetInfo("dir/b.txt").orElseThrow())));
  }

  @Test
  void publishingWithNothingStagedWritesNothing() throws Exception {
    RepoTesting.Fixture f = published(RepoTesting.smallConfig(2));
    byte[] before = Files.readAllBytes(tmp.resolve("repo/metadata/timestamp.json"));
    PublishResult r = f.repo.publisher().publishOnline();
    assertFalse(r.changed());
    assertArrayEquals(before, Files.readAllBytes(tmp.resolve("repo/metadata/timestamp.json")));
  }

  @Test
  void targetPathsThatCannotBeFilesAreRefused() throws Exception {
    RepoTesting.Fixture f = new RepoTesting.Fixture(tmp.resolve("repo"), RepoTesting.smallConfig(2));
    for (String bad : List.of("", "/abs", "a//b", "a/../b", "./a", "a\\b", "a\u0000b", "dir/")) {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("sha256", "00".repeat(32));
      assertThrows(IllegalArgumentException.class,
          () -> f.repo.addTargets(List.of(new TargetFile(bad, 0, h))), bad);
    }
  }

  @Test
  void aTargetWithNewContentKeepsItsNewFileAndLosesTheOldOne() throws Exception {
    RepoTesting.Fixture f = published(RepositoryConfig.builder().binCount(2).keepVersions(1).build());
    f.repo.addTargetFiles(Map.of("d/x", Files.writeString(tmp.resolve("x1"), "one")), null);
    f.repo.publisher().publishOnline();
    f.repo.addTargetFiles(Map.of("d/x", Files.writeString(tmp.resolve("x2"), "two")), null);
    f.repo.publisher().publishOnline();
    String one = Hex.encode(Digester.digest(HashAlgorithm.SHA256, "one".getBytes(StandardCharsets.UTF_8)));
    String two = Hex.encode(Digester.digest(HashAlgorithm.SHA256, "two".getBytes(StandardCharsets.UTF_8)));
    assertFalse(Files.exists(tmp.resolve("repo/targets/d/" + one + ".x")));
    assertTrue(Files.exists(tmp.resolve("repo/targets/d/" + two + ".x")));
  }

  @Test
  void withoutConsistentSnapshotsANewContentIsNotPrunedUnderItsPlainName() throws Exception {
    RepoTesting.Fixture f = published(RepositoryConfig.builder().binCount(2).keepVersions(1)
        .consistentSnapshot(false).build());
    f.repo.addTargetFiles(Map.of("d/x", Files.writeString(tmp.resolve("x1"), "one")), null);
    f.repo.publisher().publishOnline();
    f.repo.addTargetFiles(Map.of("d/x", Files.writeString(tmp.resolve("x2"), "two")), null);
    f.repo.publisher().publishOnline();
    f.repo.bumpOnlineExpiries(Duration.ZERO);
    f.repo.publisher().publishOnline();
    assertEquals("two", Files.readString(tmp.resolve("repo/targets/d/x")));
  }

  @Test
  void creatingOverAnExistingRepositoryIsRefused() throws Exception {
    RepoTesting.Fixture f = published(RepoTesting.smallConfig(2));
    assertThrows(IllegalStateException.class,
        () -> Repository.create(f.config, f.keys(), f.storage, f.clock, List.of(f.online)));
  }

  @Test
  void hashValuesThatAreNotHexAreRefused() throws Exception {
    RepoTesting.Fixture f = new RepoTesting.Fixture(tmp.resolve("repo"), RepoTesting.smallConfig(2));
    assertThrows(IllegalArgumentException.class, () -> f.repo.addTargets(
        List.of(new TargetFile("a", 1, Map.of("sha256", "../../../../etc/passwd")))));
  }

  @Test
  void aFileChangedBetweenAddingAndPublishingIsNotPublished() throws Exception {
    RepoTesting.Fixture f = published(RepoTesting.smallConfig(2));
    Path file = Files.writeString(tmp.resolve("c.txt"), "original");
    f.repo.addTargetFiles(Map.of("c.txt", file), null);
    Files.writeString(file, "tampered");
    dev.tuf4j.StorageException e = assertThrows(dev.tuf4j.StorageException.class,
        () -> f.repo.publisher().publishOnline());
    assertTrue(e.getMessage().contains("changed after it was added"), e.getMessage());
    assertEquals(1, f.repo.publishedVersion("snapshot"));
  }
}
