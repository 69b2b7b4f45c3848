package dev.tuf4j.client.store;

import static dev.tuf4j.client.store.StoreTesting.names;
import static dev.tuf4j.client.store.StoreTesting.permissions;
import static dev.tuf4j.client.store.StoreTesting.seededBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tuf4j.StorageException;
import dev.tuf4j.client.FileSystemTargetStore;
import dev.tuf4j.client.PendingTarget;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemTargetStoreTest {
  @TempDir Path tmp;

  private Path td() {
    return tmp.resolve("td");
  }

  private Path staging() {
    return tmp.resolve("md").resolve("staging");
  }

  private FileSystemTargetStore store() {
    return new FileSystemTargetStore(td(), staging());
  }

  private static void download(FileSystemTargetStore store, String path, byte[] bytes)
      throws StorageException {
    try (PendingTarget pending = store.create(path)) {
      writeInChunks(pending, bytes);
      pending.commit();
    }
  }

  private static void writeInChunks(PendingTarget pending, byte[] bytes) throws StorageException {
    for (int i = 0; i < bytes.length; i += 1000) {
      pending.write(bytes, i, Math.min(1000, bytes.length - i));
    }
  }

  private static byte[] read(Optional<InputStream> stream) throws Exception {
    try (InputStream in = stream.orElseThrow()) {
      return in.readAllBytes();
    }
  }

  @Test
  void committedDownloadHoldsExactlyTheWrittenBytes() throws Exception {
    byte[] bytes = seededBytes(1, 200_000);

    download(store(), "target_file.txt", bytes);

    assertArrayEquals(bytes, Files.readAllBytes(td().resolve("target_file.txt")));
    assertArrayEquals(bytes, read(store().open("target_file.txt")));
  }

  @Test
  void targetPathWithFoldersIsOneFlatFileDirectlyInTheTargetFolder() throws Exception {
    download(store(), "path/to/a/target_file.txt", new byte[] {1});

    assertEquals(Set.of("path%2Fto%2Fa%2Ftarget_file.txt"), names(td()));
    assertEquals(td().resolve("path%2Fto%2Fa%2Ftarget_file.txt"),
        store().fileFor("path/to/a/target_file.txt"));
  }

  @Test
  void pendingDownloadIsInvisibleInTheTargetFolderUntilCommit() throws Exception {
    try (PendingTarget pending = store().create("a.txt")) {
      pending.write(new byte[] {1, 2, 3}, 0, 3);
      assertEquals(Set.of(), names(td()));
      assertEquals(Optional.empty(), store().open("a.txt"));
      assertEquals(1, names(staging()).size());

      pending.commit();

      assertEquals(Set.of("a.txt"), names(td()));
      assertEquals(Set.of(), names(staging()));
    }
  }

  @Test
  void closeWithoutCommitLeavesNothingAnywhere() throws Exception {
    try (PendingTarget pending = store().create("a.txt")) {
      pending.write(new byte[] {1, 2, 3}, 0, 3);
    }

    assertEquals(Set.of(), names(td()));
    assertEquals(Set.of(), names(staging()));
  }

  @Test
  void newDownloadReplacesTheOldFileOnlyAtCommit() throws Exception {
    byte[] old = seededBytes(2, 5000);
    byte[] newer = seededBytes(3, 7000);
    download(store(), "pkg/x.whl", old);

    try (PendingTarget pending = store().create("pkg/x.whl")) {
      writeInChunks(pending, newer);
      assertArrayEquals(old, read(store().open("pkg/x.whl")));

      pending.commit();
    }

    assertArrayEquals(newer, read(store().open("pkg/x.whl")));
    assertEquals(Set.of("pkg%2Fx.whl"), names(td()));
  }

  @Test
  void abandonedReplacementKeepsTheOldFile() throws Exception {
    // What the updater does when a download fails its length or hash check.
    byte[] old = seededBytes(4, 3000);
    download(store(), "x", old);

    try (PendingTarget pending = store().create("x")) {
      writeInChunks(pending, seededBytes(5, 9000));
    }

    assertArrayEquals(old, read(store().open("x")));
    assertEquals(Set.of("x"), names(td()));
    assertEquals(Set.of(), names(staging()));
  }

  @Test
  void openOfATargetNeverStoredIsEmpty() throws Exception {
    assertEquals(Optional.empty(), store().open("nothing.txt"));
  }

  @Test
  void openOfAFolderInPlaceOfTheFileIsAStorageError() throws Exception {
    Files.createDirectories(td().resolve("x"));

    StorageException e = assertThrows(StorageException.class, () -> store().open("x"));

    assertEquals(td().resolve("x"), e.path());
  }

  @Test
  void commitOverAFolderFailsAndLeavesItAndNoStagingFile() throws Exception {
    Files.createDirectories(td().resolve("x").resolve("inside"));

    try (PendingTarget pending = store().create("x")) {
      pending.write(new byte[] {1}, 0, 1);
      StorageException e = assertThrows(StorageException.class, pending::commit);
      assertEquals(td().resolve("x"), e.path());
      assertTrue(e.getMessage().contains("cannot store the file of target 'x'"), e.getMessage());
    }

    assertTrue(Files.isDirectory(td().resolve("x").resolve("inside")));
    assertEquals(Set.of(), names(staging()));
  }

  @Test
  void emptyTargetPathCannotBeStored() {
    StorageException e = assertThrows(StorageException.class, () -> store().create(""));
    assertTrue(e.getMessage().contains("target '' cannot be stored"), e.getMessage());
    assertThrows(StorageException.class, () -> store().open(""));
    assertThrows(IllegalArgumentException.class, () -> store().fileFor(""));
  }

  @Test
  void dotAndDotDotTargetsAreOrdinaryFilesInTheFolder() throws Exception {
    download(store(), ".", new byte[] {1});
    download(store(), "..", new byte[] {2});

    assertEquals(Set.of("%2E", "%2E%2E"), names(td()));
    assertArrayEquals(new byte[] {1}, read(store().open(".")));
    assertArrayEquals(new byte[] {2}, read(store().open("..")));
    assertEquals(Set.of("td", "md"), names(tmp));
  }

  @Test
  void stagingFolderInsideTheTargetFolderIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new FileSystemTargetStore(td(), td().resolve(".staging")));
    assertThrows(IllegalArgumentException.class, () -> new FileSystemTargetStore(td(), td()));
  }

  @Test
  void constructorCreatesNoFolder() {
    store();

    assertEquals(Set.of(), names(tmp));
  }

  @Test
  void createdFilesAndFoldersAreOwnerOnly() throws Exception {
    download(store(), "a", new byte[] {1});

    assertEquals("rw-------", permissions(td().resolve("a")));
    assertEquals("rwx------", permissions(td()));
    assertEquals("rwx------", permissions(staging()));
    assertEquals("rwx------", permissions(staging().getParent()));
  }

  @Test
  void pendingRefusesUseAfterCommit() throws Exception {
    try (PendingTarget pending = store().create("a")) {
      pending.commit();
      assertThrows(IllegalStateException.class, () -> pending.write(new byte[1], 0, 1));
      assertThrows(IllegalStateException.class, pending::commit);
    }
    assertArrayEquals(new byte[0], Files.readAllBytes(td().resolve("a")));
  }

  @Test
  void pendingRefusesUseAfterClose() throws Exception {
    PendingTarget pending = store().create("a");
    pending.close();
    pending.close();

    assertThrows(IllegalStateException.class, () -> pending.write(new byte[1], 0, 1));
    assertThrows(IllegalStateException.class, pending::commit);
    assertEquals(Set.of(), names(td()));
  }

  @Test
  void writeChecksItsBounds() throws Exception {
    try (PendingTarget pending = store().create("a")) {
      assertThrows(IndexOutOfBoundsException.class, () -> pending.write(new byte[2], 1, 2));
    }
  }

  @Test
  void concurrentPendingDownloadsOfOneTargetUseSeparateStagingFiles() throws Exception {
    try (PendingTarget first = store().create("a");
        PendingTarget second = store().create("a")) {
      first.write(new byte[] {1}, 0, 1);
      second.write(new byte[] {2}, 0, 1);
      assertEquals(2, names(staging()).size());

      second.commit();
      first.commit();
    }
    assertArrayEquals(new byte[] {1}, read(store().open("a")));
  }

  @Test
  void commitAcrossFileSystemsStillReplacesAtomicallyAndLeavesNoTemporaryFile() throws Exception {
    // /dev/shm is a tmpfs on Linux; the @TempDir is usually on disk. Different file systems make
    // the staged file's rename fail, so the copy fallback runs.
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no /dev/shm");
    Path otherStaging = Files.createTempDirectory(shm, "tuf4j-staging-");
    try {
      assumeTrue(
          !Files.getFileStore(otherStaging).equals(Files.getFileStore(tmp)),
          "/dev/shm is on the same file system as " + tmp);
      FileSystemTargetStore store = new FileSystemTargetStore(td(), otherStaging);
      byte[] old = seededBytes(6, 100);
      byte[] newer = seededBytes(7, 300_000);

      download(store, "a/b", old);
      download(store, "a/b", newer);

      assertArrayEquals(newer, read(store.open("a/b")));
      assertEquals(Set.of("a%2Fb"), names(td()));
      assertEquals(Set.of(), names(otherStaging));
      assertEquals("rw-------", permissions(td().resolve("a%2Fb")));
    } finally {
      try (var leftovers = Files.list(otherStaging)) {
        for (Path p : (Iterable<Path>) leftovers::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(otherStaging);
    }
  }

  @Test
  void distinctHostileTargetPathsGetDistinctFilesInTheFolder() throws Exception {
    String[] paths = {"../x", "/x", "x", "a/../../b", "C:\\x", "a\u0000b", "a//b", "./a",
        "a/./b", "%2E%2E%2Fx", "..%2Fx", "x".repeat(1000)};
    for (int i = 0; i < paths.length; i++) {
      download(store(), paths[i], new byte[] {(byte) i});
    }

    assertEquals(paths.length, names(td()).size());
    for (int i = 0; i < paths.length; i++) {
      Path file = store().fileFor(paths[i]);
      assertEquals(td(), file.getParent());
      assertArrayEquals(new byte[] {(byte) i}, read(store().open(paths[i])), paths[i]);
    }
    assertEquals(Set.of("td", "md"), names(tmp));
    assertNotEquals(store().fileFor("../x"), store().fileFor("..%2Fx"));
    assertFalse(Files.exists(tmp.resolve("x")));
  }
}
