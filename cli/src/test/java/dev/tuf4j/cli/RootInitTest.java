package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.testing.RepositorySimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code client init}, in-process: it needs no network. */
class RootInitTest {
  @TempDir Path tmp;

  private InProcess.Result init(Path md, Path root) {
    return InProcess.run("client", "--metadata-dir", md.toString(), "init", root.toString());
  }

  static List<String> jsonFiles(Path md) throws Exception {
    try (var files = Files.list(md)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void initCopiesTheRootByteForByteAndNothingElseEndsInJson() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    // Not canonical bytes: init must copy, not re-serialize.
    byte[] bytes = (new String(repo.signedRoots.get(0), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
    Path root = Files.write(tmp.resolve("trusted root.json"), bytes);
    Path md = tmp.resolve("new").resolve("md");
    InProcess.Result r = init(md, root);
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("", r.stderr());
    assertArrayEquals(bytes, Files.readAllBytes(md.resolve("root.json")));
    assertEquals(List.of("root.json"), jsonFiles(md));
  }

  @Test
  void initAcceptsAnyVersionAndAnExpiredRoot() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.root = repo.root.withExpires(Instant.parse("2001-01-01T00:00:00Z"));
    repo.bumpRoot();
    repo.bumpRoot();
    Path root = Files.write(tmp.resolve("root.json"), repo.signedRoots.get(2));
    Path md = tmp.resolve("md");
    assertEquals(0, init(md, root).exitCode());
    assertEquals(3, Metadata.parseRoot(Files.readAllBytes(md.resolve("root.json"))).signed().version());
  }

  @Test
  void initReplacesAnEarlierRoot() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.bumpRoot();
    Path md = tmp.resolve("md");
    assertEquals(0, init(md, Files.write(tmp.resolve("r1"), repo.signedRoots.get(0))).exitCode());
    assertEquals(0, init(md, Files.write(tmp.resolve("r2"), repo.signedRoots.get(1))).exitCode());
    assertArrayEquals(repo.signedRoots.get(1), Files.readAllBytes(md.resolve("root.json")));
  }

  @Test
  void aRootThatCannotBeWrittenFailsTheInitInOneLine() throws Exception {
    Path root = Files.write(tmp.resolve("trusted.json"), new RepositorySimulator().signedRoots.get(0));
    Path md = tmp.resolve("md");
    // A non-empty folder where root.json goes (file modes would not stop root, which CI may be).
    Files.createDirectories(md.resolve("root.json").resolve("inside"));
    InProcess.Result r = init(md, root);
    assertEquals(1, r.exitCode(), "init reported success without root.json: " + r.stderr());
    assertEquals(1, r.stderrLines().size(), r.stderr());
    assertTrue(r.stderr().contains("root.json"), r.stderr());
    assertFalse(Files.isRegularFile(md.resolve("root.json")));
  }

  @Test
  void aRootNotSignedByItsOwnKeysIsRefusedAndNothingIsWritten() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.signers.put("root", List.of(repo.newKey()));
    repo.bumpRoot();
    Path md = tmp.resolve("md");
    InProcess.Result r = init(md, Files.write(tmp.resolve("root.json"), repo.signedRoots.get(1)));
    assertEquals(1, r.exitCode());
    assertEquals(1, r.stderrLines().size(), r.stderr());
    assertTrue(r.stderr().contains("not a trusted root"), r.stderr());
    assertFalse(Files.exists(md));
  }

  @Test
  void metadataOfAnotherRoleIsRefused() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    Path md = tmp.resolve("md");
    InProcess.Result r = init(md, Files.write(tmp.resolve("timestamp.json"), repo.metadataBytes("timestamp")));
    assertEquals(1, r.exitCode());
    assertFalse(Files.exists(md));
  }

  @Test
  void garbageAndMissingFilesAreRefused() throws Exception {
    Path md = tmp.resolve("md");
    assertEquals(1, init(md, Files.writeString(tmp.resolve("x"), "{not json")).exitCode());
    InProcess.Result missing = init(md, tmp.resolve("missing.json"));
    assertEquals(1, missing.exitCode());
    assertTrue(missing.stderr().contains("no such file"), missing.stderr());
    assertFalse(Files.exists(md));
  }

  @Test
  void anUnwritableMetadataFolderFailsWithOneLine() throws Exception {
    Path root = Files.write(tmp.resolve("root.json"), new RepositorySimulator().signedRoots.get(0));
    Path notAFolder = Files.writeString(tmp.resolve("file"), "x");
    InProcess.Result r = init(notAFolder.resolve("md"), root);
    assertEquals(1, r.exitCode());
    assertEquals(1, r.stderrLines().size(), r.stderr());
    assertEquals("x", Files.readString(notAFolder));
  }
}
