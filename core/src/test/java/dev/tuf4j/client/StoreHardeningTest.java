package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.NetworkException;
import dev.tuf4j.StorageException;
import dev.tuf4j.TufException;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.testing.RepositorySimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stores against what a signer, another local user or a failing disk can do to them: names
 * chosen to collide or to forge error lines, files that are not files, links, a write that fails
 * behind another failure, an interrupt at the end of a refresh, a target folder that is the
 * metadata folder.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StoreHardeningTest {
  @TempDir Path tmp;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Updater.Builder client(RepositorySimulator repo) {
    return Updater.builder()
        .metadataBaseUrl(RepositorySimulator.METADATA_URL)
        .targetBaseUrl(RepositorySimulator.TARGETS_URL)
        .fetcher(repo)
        .clock(Clock.fixed(UpdaterHarness.NOW, ZoneOffset.UTC));
  }

  @Test
  void aDelegatedRoleNamedLikeRootInOtherCaseGetsAFileOfItsOwn() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addDelegation("targets", DelegatedRole.forPaths("Root", List.of(), 1, List.of("evil/*")));
    repo.addTarget("Root", "evil/x", bytes("x"));
    repo.updateTargets("Root");
    repo.updateTargets("targets");
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    try (Updater u = h.updater()) {
      assertTrue(u.targetInfo("evil/x").isPresent());
    }
    // On a case-insensitive file system "Root.json" would be root.json, the trust anchor.
    assertTrue(Files.isRegularFile(h.metadataDir.resolve("%52oot.json")));
    try (var names = Files.list(h.metadataDir)) {
      assertEquals(1, names.filter(p -> p.getFileName().toString().equalsIgnoreCase("root.json")).count());
    }
    assertArrayEquals(repo.signedRoots.get(0), Files.readAllBytes(h.metadataDir.resolve("root.json")));
  }

  @Test
  void theTargetFolderCannotBeTheMetadataFolder() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    Path md = Files.createDirectories(tmp.resolve("md"));
    // A signed target named root.json or .tuf4j.lock would replace the anchor or the lock.
    IllegalStateException viaStore = assertThrows(IllegalStateException.class,
        () -> client(repo).metadataStore(new FileSystemMetadataStore(md)).targetDir(md).build());
    assertTrue(viaStore.getMessage().contains("must not be the metadata folder"), viaStore.getMessage());
    Path sameByAnotherPath = md.resolve("..").resolve("md");
    assertThrows(IllegalStateException.class,
        () -> client(repo).metadataDir(md).targetDir(sameByAnotherPath).build());
    Path link = Files.createSymbolicLink(tmp.resolve("link"), md);
    assertThrows(IllegalStateException.class,
        () -> client(repo).metadataStore(new FileSystemMetadataStore(md)).targetDir(link).build());
  }

  @Test
  void aWriteThatFailedBehindAnotherFailureIsReportedAndNotForgotten() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    Path blocked = h.metadataDir.resolve("snapshot.json").resolve("inside");
    boolean[] failing = {true};
    Fetcher fetcher = (uri, max, sink) -> {
      if (failing[0] && uri.toString().endsWith("snapshot.json")) {
        try { // the disk goes bad between the local look-up and the write
          Files.createDirectories(blocked);
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
      if (failing[0] && uri.toString().endsWith("targets.json")) {
        throw new NetworkException(uri, "simulated outage");
      }
      repo.fetch(uri, max, sink);
    };
    try (Updater u = client(repo).metadataDir(h.metadataDir).fetcher(fetcher).build()) {
      TufException first = assertThrows(TufException.class, u::refresh);
      assertInstanceOf(NetworkException.class, first);
      assertEquals(1, first.getSuppressed().length, "the failed snapshot write is reported with it");
      assertInstanceOf(StorageException.class, first.getSuppressed()[0]);

      failing[0] = false;
      // Nothing remembered is trusted as stored: the next refresh meets the bad disk again.
      assertThrows(StorageException.class, u::refresh);
    }
    assertTrue(Files.isDirectory(blocked));
  }

  @Test
  void aLinkPlantedAtTheLockFileIsNotFollowed() throws Exception {
    Path md = Files.createDirectories(tmp.resolve("md"));
    Path outside = tmp.resolve("outside");
    Files.createSymbolicLink(md.resolve(".tuf4j.lock"), outside);
    StorageException e =
        assertThrows(StorageException.class, () -> new FileSystemMetadataStore(md).lock().close());
    assertTrue(e.getMessage().contains(".tuf4j.lock"), e.getMessage());
    assertFalse(Files.exists(outside, LinkOption.NOFOLLOW_LINKS), "created through the link");
  }

  @Test
  void aFifoWhereAFileShouldBeIsRefusedWithoutWaitingForAWriter() throws Exception {
    Path md = Files.createDirectories(tmp.resolve("md"));
    FileSystemMetadataStore metadata = new FileSystemMetadataStore(md);
    mkfifo(metadata.fileFor("timestamp"));
    StorageException onLoad = assertThrows(StorageException.class, () -> metadata.load("timestamp"));
    assertTrue(onLoad.getMessage().contains("not a regular file"), onLoad.getMessage());

    FileSystemTargetStore targets =
        new FileSystemTargetStore(Files.createDirectories(tmp.resolve("t")), tmp.resolve("staging"));
    mkfifo(targets.fileFor("a.txt"));
    StorageException onOpen = assertThrows(StorageException.class, () -> targets.open("a.txt"));
    assertTrue(onOpen.getMessage().contains("not a regular file"), onOpen.getMessage());
  }

  private static void mkfifo(Path at) throws Exception {
    Process p = new ProcessBuilder("mkfifo", at.toString()).inheritIO().start();
    assertEquals(0, p.waitFor(), "mkfifo " + at);
  }

  @Test
  void anInterruptPendingAtTheEndOfARefreshDoesNotSkipTheFolderSync() throws Exception {
    Logger log = Logger.getLogger(FileStoreIo.class.getName());
    List<String> records = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Level before = log.getLevel();
    log.setLevel(Level.ALL);
    log.addHandler(handler);
    try {
      FileSystemMetadataStore store = new FileSystemMetadataStore(tmp.resolve("md"));
      MetadataStore.Lock lock = store.lock();
      store.store("timestamp", bytes("{}"));
      lock.flush();
      Thread.currentThread().interrupt(); // Future.cancel(true) as the refresh ends, say
      lock.close(); // forces the folder: the interrupt must not close the channel first
      assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
      assertTrue(records.stream().noneMatch(m -> m.contains("cannot force folder")), records.toString());
    } finally {
      log.removeHandler(handler);
      log.setLevel(before);
    }
  }

  @Test
  void namesASignerChoseCannotForgeLinesInAnError() throws Exception {
    String path = "a\u001b[2J\nFAKE: all good";
    RepositorySimulator repo = new RepositorySimulator();
    repo.addTarget("targets", path, bytes("x"));
    repo.updateTargets("targets");
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    try (Updater u = h.updater()) {
      TargetFile info = u.targetInfo(path).orElseThrow();
      FileSystemTargetStore store = new FileSystemTargetStore(h.targetDir, h.metadataDir.resolve("staging"));
      Files.createDirectories(store.fileFor(path).resolve("inside")); // something in the way
      StorageException e = assertThrows(StorageException.class, () -> u.findCachedTarget(info));
      assertTrue(e.getMessage().contains("a\\u001b[2J\\u000aFAKE"), e.getMessage());
      assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
    }
  }
}
