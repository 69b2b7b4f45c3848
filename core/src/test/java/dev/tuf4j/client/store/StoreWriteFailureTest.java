package dev.tuf4j.client.store;

import static dev.tuf4j.client.store.StoreTesting.names;
import static dev.tuf4j.client.store.StoreTesting.permissionsAreEnforced;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.StorageException;
import dev.tuf4j.client.FileSystemMetadataStore;
import dev.tuf4j.client.FileSystemTargetStore;
import dev.tuf4j.client.store.StoreTesting.Probe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed writes leave the old file as it was, leave no temporary file behind, and say which file
 * and why in one line.
 */
class StoreWriteFailureTest {
  /** {@code ulimit -f} blocks: 512 or 1024 bytes each, so the limit is 8 or 16 KiB. */
  private static final int SMALL_FILE_LIMIT = 16;

  @TempDir Path tmp;

  private Path md() {
    return tmp.resolve("md");
  }

  @Test
  void writeFailingHalfwayKeepsTheOldFileAndLeavesNoTemporaryFile() throws Exception {
    // A real failure in the middle of writing: a second JVM whose file size limit is smaller
    // than what it tries to store, so write(2) fails with EFBIG after the first few KiB.
    byte[] old = "{\"signed\":{\"version\":1}}".getBytes(StandardCharsets.UTF_8);
    new FileSystemMetadataStore(md()).store("root", old);

    String outcome = Probe.run(SMALL_FILE_LIMIT, "store", md().toString(), "root", "1000000");

    assertTrue(outcome.startsWith("FAILED " + md().resolve("root.json") + ": "), outcome);
    assertTrue(outcome.contains("cannot write the metadata of role 'root'"), outcome);
    assertTrue(outcome.contains("File too large"), outcome);
    assertArrayEquals(old, new FileSystemMetadataStore(md()).load("root").orElseThrow());
    assertEquals(Set.of("root.json"), names(md()));
  }

  @Test
  void smallWriteUnderTheSameLimitSucceeds() throws Exception {
    // The control for the test above: the limit, not the probe, makes it fail.
    String outcome = Probe.run(SMALL_FILE_LIMIT, "store", md().toString(), "root", "1000");

    assertEquals("STORED", outcome);
    assertEquals(1000, new FileSystemMetadataStore(md()).load("root").orElseThrow().length);
  }

  @Test
  void downloadFailingHalfwayLeavesTargetAndStagingFoldersAsTheyWere() throws Exception {
    Path td = Files.createDirectory(tmp.resolve("td"));
    Path staging = tmp.resolve("staging");
    new FileSystemTargetStore(td, staging); // constructing creates nothing
    Files.write(td.resolve("a%2Fb.txt"), new byte[] {1, 2, 3});

    String outcome =
        Probe.run(SMALL_FILE_LIMIT, "commit", td.toString(), staging.toString(), "a/b.txt",
            "1000000");

    assertTrue(outcome.startsWith("FAILED "), outcome);
    assertTrue(outcome.contains("cannot write the download of target 'a/b.txt'"), outcome);
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(td.resolve("a%2Fb.txt")));
    assertEquals(Set.of("a%2Fb.txt"), names(td));
    assertEquals(Set.of(), names(staging));
  }

  @Test
  void unwritableFolderIsAStorageErrorNamingTheFile() throws Exception {
    FileSystemMetadataStore store = new FileSystemMetadataStore(md());
    byte[] old = {1};
    store.store("timestamp", old);

    if (permissionsAreEnforced(tmp)) {
      Files.setPosixFilePermissions(md(), PosixFilePermissions.fromString("r-x------"));
      try {
        StorageException e =
            assertThrows(StorageException.class, () -> store.store("timestamp", new byte[] {2}));
        assertEquals(md().resolve("timestamp.json"), e.path());
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
        assertEquals(Set.of("timestamp.json"), names(md()));
      } finally {
        Files.setPosixFilePermissions(md(), PosixFilePermissions.fromString("rwx------"));
      }
    } else {
      // Running as root: permissions do not stop us. Block the rename instead: a non-empty
      // folder where the role file should go cannot be replaced by a file.
      Files.createDirectories(md().resolve("snapshot.json").resolve("inside"));
      StorageException e =
          assertThrows(StorageException.class, () -> store.store("snapshot", new byte[] {2}));
      assertEquals(md().resolve("snapshot.json"), e.path());
      assertTrue(e.getMessage().contains("cannot write the metadata of role 'snapshot'"));
      assertTrue(Files.isDirectory(md().resolve("snapshot.json").resolve("inside")));
      assertEquals(Set.of("snapshot.json", "timestamp.json"), names(md()));
    }
    assertArrayEquals(old, store.load("timestamp").orElseThrow());
  }

  @Test
  void folderThatIsInTheWayOfARoleFileIsLeftAloneAndNoTemporaryFileRemains() throws Exception {
    Files.createDirectories(md().resolve("targets.json").resolve("inside"));

    StorageException e =
        assertThrows(
            StorageException.class,
            () -> new FileSystemMetadataStore(md()).store("targets", new byte[] {1}));

    assertEquals(md().resolve("targets.json"), e.path());
    assertTrue(Files.isDirectory(md().resolve("targets.json").resolve("inside")));
    assertEquals(Set.of("targets.json"), names(md()));
  }

  @Test
  void fileWhereTheMetadataFolderShouldBeIsAClearStorageError() throws Exception {
    Files.write(md(), new byte[] {1});

    StorageException e =
        assertThrows(
            StorageException.class,
            () -> new FileSystemMetadataStore(md()).store("root", new byte[] {1}));

    assertEquals(md(), e.path());
    assertEquals(
        md() + ": cannot create the metadata folder: a file is in the way (" + md() + ")",
        e.getMessage());
  }

  @Test
  void fileWhereTheRootHistoryFolderShouldBeIsAStorageError() throws Exception {
    Files.createDirectories(md());
    Files.write(md().resolve("root_history"), new byte[] {1});

    StorageException e =
        assertThrows(
            StorageException.class,
            () -> new FileSystemMetadataStore(md()).storeRootHistory(1, new byte[] {1}));

    assertTrue(e.getMessage().contains("cannot create the root history folder"), e.getMessage());
  }

  @Test
  void deleteThatFailsIsAStorageError() throws Exception {
    Files.createDirectories(md().resolve("timestamp.json").resolve("inside"));

    StorageException e =
        assertThrows(
            StorageException.class, () -> new FileSystemMetadataStore(md()).delete("timestamp"));

    assertTrue(e.getMessage().contains("cannot delete the metadata of role 'timestamp'"));
  }
}
