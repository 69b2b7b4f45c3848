package dev.tuf4j.client.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.BootstrapException;
import dev.tuf4j.KeyFileException;
import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.MissingMetadataException;
import dev.tuf4j.RepositoryException;
import dev.tuf4j.StorageException;
import dev.tuf4j.client.FileSystemMetadataStore;
import dev.tuf4j.client.ForwardingMetadataStore;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.client.MetadataStore;
import dev.tuf4j.client.RootBootstrap;
import dev.tuf4j.client.Updater;
import dev.tuf4j.client.UpdaterConfig;
import dev.tuf4j.crypto.KeyFiles;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Timestamp;
import dev.tuf4j.testing.RepositorySimulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input where users of the public API meet it: missing, empty, truncated and garbage files,
 * wrong passphrases, folders that cannot be written, a full disk, absurd settings. Each must be a
 * typed error (or, for settings, an {@link IllegalArgumentException} when the value is given) that
 * names what is wrong, with nothing half-written and nothing trusted that was not verified.
 */
class BadInputApiTest {
  private static final String TARGET = "packages/a-1.0.whl";
  private static final byte[] CONTENT = "a wheel".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;
  private RepositorySimulator repo;

  @BeforeEach
  void repository() {
    repo = new RepositorySimulator();
    repo.addDelegation("targets", DelegatedRole.forPaths("project", List.of(), 1, List.of("packages/*")));
    repo.addTarget("project", TARGET, CONTENT);
    repo.updateTargets("targets");
  }

  // ---- metadata bytes ----

  @Test
  void everyPrefixOfARealRootAndTimestampIsAFormatError() {
    byte[] root = repo.signedRoots.get(0);
    byte[] timestamp = repo.metadataBytes("timestamp");
    for (int n = 0; n < root.length; n++) {
      byte[] prefix = Arrays.copyOf(root, n);
      MetadataFormatException e =
          assertThrows(MetadataFormatException.class, () -> Metadata.parseRoot(prefix), "prefix " + n);
      assertEquals("root", e.role(), "prefix " + n);
    }
    for (int n = 0; n < timestamp.length; n++) {
      byte[] prefix = Arrays.copyOf(timestamp, n);
      assertThrows(MetadataFormatException.class,
          () -> Metadata.parse(prefix, Timestamp.class, "timestamp"), "prefix " + n);
    }
  }

  @Test
  void garbageIsAFormatErrorNeverAnotherException() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      byte[] garbage = new byte[random.nextInt(2_000)];
      random.nextBytes(garbage);
      assertThrows(MetadataFormatException.class, () -> Metadata.parseRoot(garbage), "garbage " + i);
    }
  }

  // ---- the trusted root in the metadata folder ----

  @Test
  void aMissingTrustedRootIsMissingMetadataAndNothingIsFetched() throws Exception {
    Path md = Files.createDirectories(tmp.resolve("md"));
    NoFetch fetcher = new NoFetch();
    MissingMetadataException e =
        assertThrows(MissingMetadataException.class, () -> updater(md, fetcher).refresh());
    assertTrue(e.getMessage().contains("root.json"), e.getMessage());
    assertEquals(List.of(), fetcher.calls);
    // Only the lock file, which the store creates to take its lock and never deletes.
    assertEquals(List.of(".tuf4j.lock"), List.copyOf(HostileUpdaterCatalogueTest.hashes(md).keySet()),
        "nothing written");
  }

  /**
   * A trusted root.json damaged on disk is never trusted, never repaired from the network (the
   * network is not trusted without it), never deleted: the update fails before any request with a
   * StorageException (local state is damaged, not the repository) that names the file and carries
   * the verification failure as its cause, and the file is left for the user to see.
   */
  @Test
  void aDamagedTrustedRootFailsTypedBeforeAnyRequestAndIsKept() throws Exception {
    byte[] good = repo.signedRoots.get(0);
    List<byte[]> damaged = new ArrayList<>();
    damaged.add(new byte[0]);
    for (int n = 1; n < good.length; n += 97) {
      damaged.add(Arrays.copyOf(good, n));
    }
    byte[] garbage = new byte[1_000];
    new Random(7).nextBytes(garbage);
    damaged.add(garbage);
    damaged.add("<html>not json</html>".getBytes(StandardCharsets.US_ASCII));
    damaged.add(repo.metadataBytes("timestamp")); // valid metadata, the wrong role
    byte[] flipped = good.clone(); // one signature byte changed: parses, fails verification
    int sig = new String(good, StandardCharsets.ISO_8859_1).indexOf("\"sig\":\"") + 8;
    flipped[sig] = (byte) (flipped[sig] == '0' ? '1' : '0');
    damaged.add(flipped);

    for (int i = 0; i < damaged.size(); i++) {
      Path md = Files.createDirectories(tmp.resolve("md" + i));
      Files.write(md.resolve("root.json"), damaged.get(i));
      Map<String, String> before = HostileUpdaterCatalogueTest.hashes(md);
      NoFetch fetcher = new NoFetch();
      String what = "case " + i + " (" + damaged.get(i).length + " bytes)";

      StorageException e =
          assertThrows(StorageException.class, () -> updater(md, fetcher).refresh(), what);
      assertEquals(md.resolve("root.json").toAbsolutePath().normalize(), e.path(), what);
      assertTrue(e.getMessage().contains(md.resolve("root.json").toString()), what + ": " + e.getMessage());
      assertTrue(e.getCause() instanceof RepositoryException, what + ": " + e.getCause());
      assertEquals(List.of(), fetcher.calls, what + ": fetched without a trusted root");
      assertArrayEquals(damaged.get(i), Files.readAllBytes(md.resolve("root.json")), what);
      Map<String, String> after = HostileUpdaterCatalogueTest.hashes(md);
      after.remove(".tuf4j.lock");
      assertEquals(before, after, what + ": nothing else written");
    }
  }

  @Test
  void damagedCachedRolesAreReplacedByVerifiedDownloads() throws Exception {
    Path md = Files.createDirectories(tmp.resolve("md"));
    Files.write(md.resolve("root.json"), repo.signedRoots.get(0));
    updater(md, repo).refresh();
    List<Consumer<Path>> damages = List.of(
        file -> write(file, new byte[0]),
        file -> write(file, Arrays.copyOf(read(file), read(file).length / 2)),
        file -> write(file, "garbage\u0000".getBytes(StandardCharsets.ISO_8859_1)));
    for (String role : List.of("timestamp", "snapshot", "targets")) {
      for (Consumer<Path> damage : damages) {
        Path file = md.resolve(role + ".json");
        damage.accept(file);
        updater(md, repo).refresh();
        assertArrayEquals(repo.metadataBytes(role), Files.readAllBytes(file), role);
      }
    }
  }

  /**
   * A signed timestamp may list a snapshot length past the largest byte array: the download is
   * capped at what can be held, and the update fails typed (the length does not match), not with
   * an IllegalArgumentException from the fetcher.
   */
  @Test
  void aListedLengthPastTheLargestArrayIsATypedFailure() throws Exception {
    Path md = Files.createDirectories(tmp.resolve("md"));
    Files.write(md.resolve("root.json"), repo.signedRoots.get(0));
    repo.timestamp = repo.timestamp.withSnapshotMeta(
        new MetaFile(repo.snapshot.version(), 3_000_000_000L, Map.of(), JsonObject.EMPTY));
    assertThrows(LengthOrHashMismatchException.class, () -> updater(md, repo).refresh());
    assertFalse(Files.exists(md.resolve("snapshot.json")));
  }

  // ---- folders that cannot be written, a full disk ----

  /**
   * A folder the process cannot write: a 0500 folder when that stops this process, else (tests
   * may run as root, for whom permission bits do not stop writes) a folder below a regular file,
   * which nobody can create. Both are probed, not assumed.
   */
  private Path unwritableFolder() throws Exception {
    Path locked = Files.createDirectories(tmp.resolve("locked"));
    try {
      Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));
      Path probe = locked.resolve("probe");
      try {
        Files.createFile(probe);
        Files.delete(probe); // permission bits do not apply to this user
      } catch (java.nio.file.AccessDeniedException expected) {
        return locked.resolve("md");
      }
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: use the other way.
    }
    Path file = Files.write(tmp.resolve("a-file"), new byte[] {1});
    return file.resolve("md");
  }

  @Test
  void anUnwritableMetadataFolderIsAStorageErrorNamingIt() throws Exception {
    Path md = unwritableFolder();
    Map<String, String> before = HostileUpdaterCatalogueTest.hashes(tmp);
    Updater u = Updater.builder()
        .metadataBaseUrl(RepositorySimulator.METADATA_URL)
        .metadataDir(md)
        .fetcher(repo)
        .trustedRoot(repo.signedRoots.get(0))
        .build();
    StorageException e = assertThrows(StorageException.class, u::refresh);
    assertTrue(e.getMessage().contains(md.getParent().toString()), e.getMessage());
    assertEquals(before, HostileUpdaterCatalogueTest.hashes(tmp), "nothing written");
  }

  @Test
  void aRoleFileThatIsAFolderOrTooLargeIsAStorageErrorNamingIt() throws Exception {
    Path md = Files.createDirectories(tmp.resolve("md"));
    FileSystemMetadataStore store = new FileSystemMetadataStore(md, 4_096);
    Files.createDirectories(md.resolve("timestamp.json"));
    Files.write(md.resolve("snapshot.json"), new byte[4_097]);
    for (String role : List.of("timestamp", "snapshot")) {
      StorageException e = assertThrows(StorageException.class, () -> store.load(role), role);
      assertEquals(store.fileFor(role), e.path(), role);
    }
    // The trusted root as a folder: a storage error too, before any request.
    Files.createDirectories(md.resolve("root.json"));
    NoFetch fetcher = new NoFetch();
    StorageException e = assertThrows(StorageException.class, () -> updater(md, fetcher).refresh());
    assertTrue(e.getMessage().contains("root.json"), e.getMessage());
    assertEquals(List.of(), fetcher.calls);
  }

  @Test
  void anUnwritableTargetFolderIsAStorageErrorAndTheMetadataStaysVerified() throws Exception {
    Path md = Files.createDirectories(tmp.resolve("md"));
    Files.write(md.resolve("root.json"), repo.signedRoots.get(0));
    Path file = Files.write(tmp.resolve("a-file"), new byte[] {1});
    Updater u = Updater.builder()
        .metadataBaseUrl(RepositorySimulator.METADATA_URL)
        .targetBaseUrl(RepositorySimulator.TARGETS_URL)
        .metadataDir(md)
        .targetDir(file.resolve("targets"))
        .fetcher(repo)
        .build();
    StorageException e =
        assertThrows(StorageException.class, () -> u.download(u.targetInfo(TARGET).orElseThrow()));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertArrayEquals(repo.metadataBytes("project"), Files.readAllBytes(md.resolve("project.json")));
    assertStagingEmpty(md);
  }

  /**
   * A full disk while storing the snapshot (simulated by a store that refuses that write, as
   * FileSystemMetadataStore reports ENOSPC; StoreWriteFailureTest covers the file system side with
   * a real file size limit): the update fails with that StorageException, the timestamp verified
   * before stays, no snapshot is trusted, and the next update with space succeeds.
   */
  @Test
  void aFullDiskWhileStoringIsAStorageErrorAndTheNextUpdateSucceeds() throws Exception {
    Path md = Files.createDirectories(tmp.resolve("md"));
    Files.write(md.resolve("root.json"), repo.signedRoots.get(0));
    FileSystemMetadataStore disk = new FileSystemMetadataStore(md);
    MetadataStore full = new FullDiskStore(disk, "snapshot");
    Updater u = Updater.builder()
        .metadataBaseUrl(RepositorySimulator.METADATA_URL)
        .metadataStore(full)
        .fetcher(repo)
        .build();

    StorageException e = assertThrows(StorageException.class, u::refresh);
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertTrue(Files.exists(md.resolve("timestamp.json")));
    assertFalse(Files.exists(md.resolve("snapshot.json")));
    assertFalse(Files.exists(md.resolve("targets.json")));
    assertTrue(u.trustedRoot().isEmpty(), "a failed refresh leaves nothing trusted in memory");

    updater(md, repo).refresh();
    assertArrayEquals(repo.metadataBytes("snapshot"), Files.readAllBytes(md.resolve("snapshot.json")));
  }

  // ---- absurd settings ----

  @Test
  void absurdUpdaterConfigValuesAreRejectedWhenGivenNamingTheField() {
    UpdaterConfig d = UpdaterConfig.DEFAULTS;
    long huge = Long.MAX_VALUE;
    Duration tolerance = UpdaterConfig.DEFAULT_CLOCK_ROLLBACK_TOLERANCE;
    Map<String, Runnable> absurd = new java.util.LinkedHashMap<>();
    absurd.put("rootMaxLength", () -> new UpdaterConfig(-1, 1, 1, 1, 1, 1, 1, tolerance, false));
    absurd.put("timestampMaxLength", () -> d.withTimestampMaxLength(0));
    absurd.put("maxRootRotations", () -> d.withMaxRootRotations(-5));
    absurd.put("maxDelegations", () -> d.withMaxDelegations(0));
    absurd.put("parallelDownloads", () -> d.withParallelDownloads(Integer.MIN_VALUE));
    // Metadata is read into a byte array: a cap past the largest array is a mistake to say now,
    // not an IllegalArgumentException from the first download.
    absurd.put("rootMaxLength ", () -> new UpdaterConfig(huge, 1, 1, 1, 1, 1, 1, tolerance, false));
    absurd.put("timestampMaxLength ", () -> d.withTimestampMaxLength(huge));
    absurd.put("snapshotMaxLength", () -> new UpdaterConfig(1, 1, huge, 1, 1, 1, 1, tolerance, false));
    absurd.put("targetsMaxLength", () -> new UpdaterConfig(1, 1, 1, Integer.MAX_VALUE, 1, 1, 1, tolerance, false));
    absurd.put("parallelDownloads ", () -> d.withParallelDownloads(Integer.MAX_VALUE));
    absurd.forEach((field, make) -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run, field);
      assertTrue(e.getMessage().startsWith(field.strip() + " must be"), e.getMessage());
    });
  }

  @Test
  void aHugeCapIsRefusedWhenGivenNotAtTheFirstDownload() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RootBootstrap.builder().maxLength(Long.MAX_VALUE));
    assertTrue(e.getMessage().startsWith("maxLength must be"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new FileSystemMetadataStore(tmp, 0));
    assertThrows(IllegalArgumentException.class, () -> new FileSystemMetadataStore(tmp, Integer.MAX_VALUE));
  }

  @Test
  void absurdFetcherSettingsAreRejectedWhenGiven() {
    List<Runnable> absurd = List.of(
        () -> HttpFetcher.builder().connectTimeout(Duration.ZERO),
        () -> HttpFetcher.builder().readTimeout(Duration.ofMillis(-1)),
        () -> HttpFetcher.builder().readTimeout(Duration.ofDays(400)),
        () -> HttpFetcher.builder().minimumRate(-1, Duration.ofSeconds(1)),
        () -> HttpFetcher.builder().minimumRate(1, Duration.ofNanos(10)),
        () -> HttpFetcher.builder().retries(0, Duration.ZERO),
        () -> HttpFetcher.builder().retries(3, Duration.ofMillis(-1)),
        () -> HttpFetcher.builder().maxRedirects(-1),
        () -> HttpFetcher.builder().userAgent("two\nlines"));
    for (int i = 0; i < absurd.size(); i++) {
      assertThrows(IllegalArgumentException.class, absurd.get(i)::run, "setting " + i);
    }
  }

  // ---- the bootstrap root over the network ----

  @Test
  void aBootstrapRootThatIsEmptyTruncatedOrGarbageIsABootstrapError() throws Exception {
    byte[] good = repo.signedRoots.get(0);
    List<byte[]> bad = new ArrayList<>();
    for (int n = 0; n < good.length; n += 53) {
      bad.add(Arrays.copyOf(good, n));
    }
    bad.add("<!DOCTYPE html><html>503</html>".getBytes(StandardCharsets.US_ASCII));
    for (byte[] answer : bad) {
      RootBootstrap b = RootBootstrap.builder()
          .url(URI.create("https://root.test/1.root.json"))
          .trustOnFirstUse(true)
          .fetcher((uri, max, sink) -> {
            try {
              sink.write(answer, 0, answer.length);
            } catch (java.io.IOException e) {
              throw new StorageException(null, "memory", e);
            }
          })
          .build();
      BootstrapException e = assertThrows(BootstrapException.class, b::fetch, answer.length + " bytes");
      assertTrue(e.getMessage().contains("not valid"), e.getMessage());
    }
  }

  // ---- key files ----

  @Test
  void badKeyFilesAndAWrongPassphraseAreKeyFileErrorsNamingTheFile() throws Exception {
    KeyFiles keys = new KeyFiles(new SecureRandom());
    Path good = tmp.resolve("good.key");
    keys.writePrivateKey(good, repo.newKey(), "right".toCharArray());
    Path pub = tmp.resolve("good.pub");
    keys.writePublicKey(pub, repo.newKey().publicKey());
    byte[] pem = Files.readAllBytes(good);
    byte[] pubJson = Files.readAllBytes(pub);

    List<Path> badPrivate = new ArrayList<>(List.of(tmp.resolve("missing.key"), tmp.resolve("a-folder")));
    Files.createDirectories(tmp.resolve("a-folder"));
    badPrivate.add(Files.write(tmp.resolve("empty.key"), new byte[0]));
    badPrivate.add(Files.write(tmp.resolve("garbage.key"), "garbage\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1)));
    badPrivate.add(Files.write(tmp.resolve("public-as-private.key"), pubJson));
    // Prefixes that cut the PEM text (a cut inside the base64 body still decodes, so the
    // passphrase check runs: each such case costs one key derivation, hence a few only).
    for (int n : new int[] {1, 20, 40, pem.length / 2, pem.length - 30, pem.length - 2}) {
      badPrivate.add(Files.write(tmp.resolve("prefix-" + n + ".key"), Arrays.copyOf(pem, n)));
    }
    for (Path p : badPrivate) {
      KeyFileException e =
          assertThrows(KeyFileException.class, () -> keys.readPrivateKey(p, "right".toCharArray()), p.toString());
      assertEquals(p, e.path());
      assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
    }
    KeyFileException wrong =
        assertThrows(KeyFileException.class, () -> keys.readPrivateKey(good, "wrong".toCharArray()));
    assertTrue(wrong.getMessage().contains("passphrase"), wrong.getMessage());

    List<Path> badPublic = new ArrayList<>();
    badPublic.add(tmp.resolve("missing.pub"));
    badPublic.add(Files.write(tmp.resolve("empty.pub"), new byte[0]));
    badPublic.add(Files.write(tmp.resolve("private-as-public.pub"), pem));
    for (int n = 0; n < pubJson.length; n += 17) {
      badPublic.add(Files.write(tmp.resolve("prefix-" + n + ".pub"), Arrays.copyOf(pubJson, n)));
    }
    for (Path p : badPublic) {
      KeyFileException e = assertThrows(KeyFileException.class,
          () -> keys.readPublicKey(p, SchemeRegistry.defaults()), p.toString());
      assertEquals(p, e.path());
    }
  }

  @Test
  void writingAKeyIntoAnUnwritableFolderIsAKeyFileErrorAndWritesNothing() throws Exception {
    KeyFiles keys = new KeyFiles(new SecureRandom());
    Path file = Files.write(tmp.resolve("a-file"), new byte[] {1});
    Path target = file.resolve("new.pub");
    KeyFileException e = assertThrows(KeyFileException.class,
        () -> keys.writePublicKey(target, repo.newKey().publicKey()));
    assertEquals(target, e.path());
    assertArrayEquals(new byte[] {1}, Files.readAllBytes(file));
  }

  // ---- helpers ----

  private Updater updater(Path md, dev.tuf4j.client.Fetcher fetcher) {
    return Updater.builder()
        .metadataBaseUrl(RepositorySimulator.METADATA_URL)
        .targetBaseUrl(RepositorySimulator.TARGETS_URL)
        .metadataDir(md)
        .fetcher(fetcher)
        .build();
  }

  private static void assertStagingEmpty(Path md) throws Exception {
    Path staging = md.resolve("staging");
    if (Files.isDirectory(staging)) {
      try (var list = Files.list(staging)) {
        assertEquals(List.of(), list.toList(), "staging");
      }
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void write(Path p, byte[] bytes) {
    try {
      Files.write(p, bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A fetcher that must not be asked: records the URIs it was asked for and fails them. */
  private static final class NoFetch implements dev.tuf4j.client.Fetcher {
    final List<URI> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void fetch(URI uri, long maxLength, java.io.OutputStream sink) throws dev.tuf4j.DownloadException {
      calls.add(uri);
      throw new dev.tuf4j.NetworkException(uri, "no network in this test");
    }
  }

  /** A store whose disk is full for one role: its write fails as ENOSPC does. */
  private static final class FullDiskStore extends ForwardingMetadataStore {
    private final String fullFor;

    FullDiskStore(MetadataStore disk, String fullFor) {
      super(disk);
      this.fullFor = fullFor;
    }

    @Override
    public void store(String roleName, byte[] bytes) throws StorageException {
      if (roleName.equals(fullFor)) {
        throw new StorageException(Path.of(roleName + ".json"), "cannot write: No space left on device");
      }
      super.store(roleName, bytes);
    }
  }

}
