package dev.tuf4j.client.store;

import static dev.tuf4j.client.store.StoreTesting.jsonNames;
import static dev.tuf4j.client.store.StoreTesting.names;
import static dev.tuf4j.client.store.StoreTesting.permissions;
import static dev.tuf4j.client.store.StoreTesting.seededBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.StorageException;
import dev.tuf4j.client.FileSystemMetadataStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileSystemMetadataStoreTest {
  @TempDir Path tmp;

  private Path md() {
    return tmp.resolve("md");
  }

  private FileSystemMetadataStore store() {
    return new FileSystemMetadataStore(md());
  }

  @Test
  void loadReturnsExactlyTheStoredBytes() throws Exception {
    // Random bytes, not valid JSON or UTF-8: the store must not touch them in any way.
    byte[] bytes = seededBytes(1, 70_000);

    store().store("root", bytes);

    assertArrayEquals(bytes, store().load("root").orElseThrow());
    assertArrayEquals(bytes, Files.readAllBytes(md().resolve("root.json")));
  }

  @Test
  void storeOfEmptyBytesRoundTrips() throws Exception {
    store().store("timestamp", new byte[0]);

    assertArrayEquals(new byte[0], store().load("timestamp").orElseThrow());
  }

  @Test
  void loadOfAMissingRoleIsEmpty() throws Exception {
    store().store("root", new byte[] {1});

    assertEquals(Optional.empty(), store().load("snapshot"));
  }

  @Test
  void loadFromAMissingFolderIsEmptyAndCreatesNothing() throws Exception {
    assertEquals(Optional.empty(), store().load("root"));

    assertFalse(Files.exists(md()));
  }

  @Test
  void storeReplacesTheOldBytes() throws Exception {
    store().store("snapshot", seededBytes(2, 5000));
    byte[] newer = seededBytes(3, 10);

    store().store("snapshot", newer);

    assertArrayEquals(newer, store().load("snapshot").orElseThrow());
    assertEquals(Set.of("snapshot.json"), names(md()));
  }

  @Test
  void topLevelRolesUseTheirPlainFileNames() throws Exception {
    for (String role : new String[] {"root", "timestamp", "snapshot", "targets"}) {
      store().store(role, role.getBytes(StandardCharsets.UTF_8));
    }

    assertEquals(
        Set.of("root.json", "timestamp.json", "snapshot.json", "targets.json"), names(md()));
  }

  @ParameterizedTest(name = "role ''{0}'' is stored as {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "/x           | %2Fx.json",
        "../x         | ..%2Fx.json",
        "/delegatedrole | %2Fdelegatedrole.json",
        "../delegatedrole | ..%2Fdelegatedrole.json",
        "?            | %3F.json",
        "#            | %23.json",
        "\" \"        | %20.json",
        "a b          | a%20b.json",
        "%            | %25.json",
        "%2F          | %252F.json",
        "é            | %C3%A9.json",
        "a.b          | a.b.json",
        "😀           | %F0%9F%98%80.json",
        "bins-3ff     | bins-3ff.json",
        ".            | ..json",
        "..           | ...json",
        "C:\\x        | C%3A%5Cx.json",
        "a+b          | a%2Bb.json",
        // A top-level name in other case would share a file with it where case is folded
        // (macOS, Windows): the first letter is encoded instead.
        "Targets      | %54argets.json",
        "Root         | %52oot.json",
        "TIMESTAMP    | %54IMESTAMP.json",
        "sNAPSHOT     | %73NAPSHOT.json",
        "Rootx        | Rootx.json",
      })
  void roleNamesArePercentEncodedIntoOneFileDirectlyInTheFolder(String role, String fileName)
      throws Exception {
    byte[] bytes = role.getBytes(StandardCharsets.UTF_8);

    store().store(role, bytes);

    assertEquals(Set.of(fileName), names(md()));
    assertTrue(Files.isRegularFile(md().resolve(fileName)));
    assertArrayEquals(bytes, store().load(role).orElseThrow());
    assertEquals(md().resolve(fileName), store().fileFor(role));
  }

  @Test
  void roleNameNulIsEncodedNotTruncated() throws Exception {
    store().store("a\u0000b", new byte[] {7});

    assertEquals(Set.of("a%00b.json"), names(md()));
  }

  @Test
  void emptyRoleNameIsAnOrdinaryFile() throws Exception {
    store().store("", new byte[] {7});

    assertEquals(Set.of(".json"), names(md()));
    assertArrayEquals(new byte[] {7}, store().load("").orElseThrow());
  }

  @Test
  void veryLongRoleNameIsShortenedAndStillFound() throws Exception {
    String role = "project/" + "x".repeat(400);
    byte[] bytes = {1, 2, 3};

    store().store(role, bytes);

    String name = names(md()).first();
    assertTrue(name.length() <= 143, name);
    assertTrue(name.endsWith(".json"), name);
    assertArrayEquals(bytes, store().load(role).orElseThrow());
    assertEquals(Optional.empty(), store().load(role + "y"));
  }

  @Test
  void roleNamesDifferingOnlyInCaseAreDifferentFilesOnThisFileSystem() throws Exception {
    store().store("Bins", new byte[] {1});
    store().store("bins", new byte[] {2});

    assertArrayEquals(new byte[] {1}, store().load("Bins").orElseThrow());
    assertArrayEquals(new byte[] {2}, store().load("bins").orElseThrow());
  }

  @Test
  void deleteRemovesTheRoleFile() throws Exception {
    store().store("timestamp", new byte[] {1});
    store().store("snapshot", new byte[] {2});

    store().delete("timestamp");

    assertEquals(Optional.empty(), store().load("timestamp"));
    assertEquals(Set.of("snapshot.json"), names(md()));
  }

  @Test
  void deleteOfAMissingRoleDoesNothing() throws Exception {
    store().delete("snapshot");
    store().store("root", new byte[] {1});
    store().delete("snapshot");

    assertEquals(Set.of("root.json"), names(md()));
  }

  @Test
  void rootHistoryKeepsEachVersionInItsSubfolder() throws Exception {
    byte[] v1 = seededBytes(10, 300);
    byte[] v2 = seededBytes(11, 400);

    store().storeRootHistory(1, v1);
    store().storeRootHistory(2, v2);

    Path history = md().resolve("root_history");
    assertEquals(Set.of("1.root.json", "2.root.json"), names(history));
    assertArrayEquals(v1, Files.readAllBytes(history.resolve("1.root.json")));
    assertArrayEquals(v2, Files.readAllBytes(history.resolve("2.root.json")));
    // The subfolder's name does not end in .json: only roles do, directly in the folder.
    assertEquals(Set.of("root_history"), names(md()));
    assertEquals(new TreeSet<String>(), jsonNames(md()));
  }

  @Test
  void rootHistoryRefusesVersionZero() {
    assertThrows(IllegalArgumentException.class, () -> store().storeRootHistory(0, new byte[1]));
  }

  @Test
  void storeCreatesMissingFoldersOwnerOnly() throws Exception {
    Path nested = tmp.resolve("a").resolve("b").resolve("md");

    new FileSystemMetadataStore(nested).store("root", new byte[] {1});
    new FileSystemMetadataStore(nested).storeRootHistory(1, new byte[] {1});

    assertEquals("rwx------", permissions(tmp.resolve("a")));
    assertEquals("rwx------", permissions(tmp.resolve("a").resolve("b")));
    assertEquals("rwx------", permissions(nested));
    assertEquals("rwx------", permissions(nested.resolve("root_history")));
  }

  @Test
  void storedFilesAreOwnerOnly() throws Exception {
    store().store("root", new byte[] {1});
    store().store("root", new byte[] {2});
    store().storeRootHistory(1, new byte[] {1});

    assertEquals("rw-------", permissions(md().resolve("root.json")));
    assertEquals("rw-------", permissions(md().resolve("root_history").resolve("1.root.json")));
  }

  @Test
  void existingFolderKeepsItsPermissions() throws Exception {
    Files.createDirectory(md());
    Files.setPosixFilePermissions(
        md(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));

    store().store("root", new byte[] {1});

    assertEquals("rwxr-x---", permissions(md()));
  }

  @Test
  void fileLargerThanTheCapIsAStorageErrorNotMissing() throws Exception {
    Files.createDirectory(md());
    Files.write(md().resolve("snapshot.json"), new byte[101]);
    FileSystemMetadataStore capped = new FileSystemMetadataStore(md(), 100);

    StorageException e = assertThrows(StorageException.class, () -> capped.load("snapshot"));

    assertEquals(md().resolve("snapshot.json"), e.path());
    assertTrue(e.getMessage().contains("larger than the cap of 100 bytes"), e.getMessage());
  }

  @Test
  void fileExactlyAtTheCapIsRead() throws Exception {
    FileSystemMetadataStore capped = new FileSystemMetadataStore(md(), 100);
    capped.store("snapshot", new byte[100]);

    assertEquals(100, capped.load("snapshot").orElseThrow().length);
  }

  @Test
  void storeRefusesBytesItCouldNotReadBack() throws Exception {
    FileSystemMetadataStore capped = new FileSystemMetadataStore(md(), 100);
    capped.store("snapshot", new byte[] {1});

    assertThrows(StorageException.class, () -> capped.store("snapshot", new byte[101]));

    assertArrayEquals(new byte[] {1}, capped.load("snapshot").orElseThrow());
  }

  @Test
  void capMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new FileSystemMetadataStore(md(), 0));
  }

  @Test
  void unreadableRoleEntryIsAStorageError() throws Exception {
    Files.createDirectories(md().resolve("targets.json"));

    StorageException e = assertThrows(StorageException.class, () -> store().load("targets"));

    assertEquals(md().resolve("targets.json"), e.path());
    assertTrue(e.getMessage().contains("cannot read the metadata of role 'targets'"));
  }

  @Test
  void folderReportsAnAbsolutePath() {
    assertTrue(new FileSystemMetadataStore(Path.of("relative")).folder().isAbsolute());
  }

  @Test
  void byteArrayFromLoadIsTheCallersToChange() throws Exception {
    store().store("root", new byte[] {1, 2});
    byte[] first = store().load("root").orElseThrow();
    first[0] = 9;

    assertArrayEquals(new byte[] {1, 2}, store().load("root").orElseThrow());
  }
}
